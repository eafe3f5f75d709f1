/** Someone who can be mentioned: the task's group members. */
export interface Mentionable {
  id: string;
  name: string;
}

/** An "@…" being typed: where it starts (the "@") and what follows it up to the caret. */
export interface MentionQuery {
  start: number;
  end: number;
  query: string;
}

/**
 * "@" at the start or after a blank or an opening bracket/quote (so e-mail addresses do not
 * count), then letters, dots, apostrophes or dashes, with at most one blank so that "@Anna Be"
 * still narrows down to a first and last name.
 */
const MENTION_BEFORE_CARET = /(?:^|[\s([{„"'])@([\p{L}.'-]*(?: [\p{L}.'-]*)?)$/u;

const MAX_SUGGESTIONS = 8;

/** The mention being typed right before the caret, or null when the caret is not in one. */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const match = MENTION_BEFORE_CARET.exec(before);
  if (!match) {
    return null;
  }
  const query = match[1];
  return { start: caret - query.length - 1, end: caret, query };
}

function fold(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('de-DE');
}

/**
 * Members whose name, or one of whose name parts, starts with the query (case and accents
 * ignored: "mull" finds "Müller"). An empty query lists everyone, alphabetically.
 */
export function matchMembers<T extends Mentionable>(members: readonly T[], query: string): T[] {
  const wanted = fold(query.trim());
  const matches = members.filter((member) => {
    if (!wanted) {
      return true;
    }
    const name = fold(member.name);
    return name.startsWith(wanted) || name.split(/[\s-]+/).some((part) => part.startsWith(wanted));
  });
  return [...matches].sort((a, b) => a.name.localeCompare(b.name, 'de')).slice(0, MAX_SUGGESTIONS);
}

/**
 * Replaces the typed "@query" with "@Full Name " and says where the caret goes. A blank already
 * following is reused, so that choosing in the middle of a text does not leave two.
 */
export function insertMention(text: string, at: MentionQuery, name: string): { text: string; caret: number } {
  const after = text.slice(at.end);
  const mention = `@${name}`;
  const spacer = after.startsWith(' ') ? '' : ' ';
  const next = `${text.slice(0, at.start)}${mention}${spacer}${after}`;
  return { text: next, caret: at.start + mention.length + 1 };
}

/**
 * Whether "@Name" stands in the text as a whole name (not the start of a longer word); case is
 * ignored, as the api does.
 */
export function mentionsName(text: string, name: string): boolean {
  const haystack = text.toLocaleLowerCase('de-DE');
  const needle = `@${name.toLocaleLowerCase('de-DE')}`;
  let from = haystack.indexOf(needle);
  while (from !== -1) {
    const next = haystack.charAt(from + needle.length);
    if (!/[\p{L}\p{N}]/u.test(next)) {
      return true;
    }
    from = haystack.indexOf(needle, from + 1);
  }
  return false;
}

/**
 * The people to notify: those chosen from the suggestions whose "@Name" is still in the text,
 * plus members whose full name was typed by hand when that name is unique in the group.
 */
export function remainingMentionIds(
  text: string,
  chosen: ReadonlyMap<string, string>,
  members: readonly Mentionable[] = [],
): string[] {
  const ids = new Set<string>();
  for (const [id, name] of chosen) {
    if (mentionsName(text, name)) {
      ids.add(id);
    }
  }
  for (const member of members) {
    const namesake = members.some((other) => other.id !== member.id && other.name === member.name);
    if (!namesake && mentionsName(text, member.name)) {
      ids.add(member.id);
    }
  }
  return [...ids];
}

/**
 * The rendered (and server-sanitised) comment with each "@Name" of a mentioned person wrapped in
 * `<mark class="mention">`. Works on an inert parsed document and only splits text nodes, so no
 * markup from the comment is ever re-interpreted; Angular sanitises the result once more.
 */
export function highlightMentions(html: string, names: readonly string[]): string {
  const wanted = [...new Set(names.filter((name) => name.trim()))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0 || typeof DOMParser === 'undefined') {
    return html;
  }
  const document = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const pattern = new RegExp(`@(?:${wanted.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const textNodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest('code, pre, a')) {
      textNodes.push(node as Text);
    }
  }
  for (const node of textNodes) {
    const value = node.data;
    pattern.lastIndex = 0;
    if (!pattern.test(value)) {
      continue;
    }
    pattern.lastIndex = 0;
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const match of value.matchAll(pattern)) {
      const index = match.index ?? 0;
      fragment.append(value.slice(last, index));
      const mark = document.createElement('mark');
      mark.className = 'mention';
      mark.textContent = match[0];
      fragment.append(mark);
      last = index + match[0].length;
    }
    fragment.append(value.slice(last));
    node.replaceWith(fragment);
  }
  return document.body.innerHTML;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
