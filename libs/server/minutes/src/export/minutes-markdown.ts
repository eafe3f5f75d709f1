import { formatCalendarDay } from './german-dates';
import type { ExportOptions, MinutesDocument, MinutesDocumentEntry } from './minutes-document';
import {
  actionItemDetails,
  ATTENDANCE_STATUS_LABELS,
  attendeeMode,
  attendeeName,
  buildMinutesView,
  entryLabel,
  type MinutesView,
} from './minutes-view';

/** Renders the minutes as a Markdown document (CommonMark + GFM tables), German headings. */
export function minutesToMarkdown(doc: MinutesDocument, options: ExportOptions): string {
  const view = buildMinutesView(doc, options);
  const blocks = [
    `# Protokoll: ${headingText(doc.meetingTitle)}`,
    metaList(view),
    '## Anwesenheit',
    attendanceBlock(view),
    '## Tagesordnung',
    view.items.length
      ? view.items
          .map((item) => `- TOP ${item.number}: ${inline(item.title)}${presenterSuffix(item.presenter)}`)
          .join('\n')
      : 'Keine Tagesordnungspunkte erfasst.',
    ...view.items.flatMap((item) => [
      `## TOP ${item.number}: ${headingText(item.title)}`,
      ...(item.presenter?.trim() ? [`Vortrag: ${inline(item.presenter)}`] : []),
      ...(item.notes.trim() ? [userBlockMarkdown(item.notes)] : []),
      ...item.entries.map(entryParagraph),
    ]),
    '## Beschlüsse',
    view.decisions.length
      ? view.decisions
          .map((entry) => `- TOP ${entry.itemNumber}: ${inline(entry.text)}${confidentialSuffix(entry)}`)
          .join('\n')
      : 'Keine Beschlüsse.',
    '## Aufgaben',
    actionItemsBlock(view),
  ];
  return `${blocks.join('\n\n')}\n`;
}

function metaList(view: MinutesView): string {
  const { doc } = view;
  const rows: [string, string | null | undefined][] = [
    ['Initiative', doc.initiative],
    ['Art', doc.kindLabel],
    ['Datum', view.period],
    ['Ort', doc.place],
    ['Organisation', doc.organizer],
    ['Gruppe', doc.hostGroup],
    ['Fassung', view.revisionDetail],
  ];
  const lines = rows
    .filter((row): row is [string, string] => Boolean(row[1]?.trim()))
    .map(([label, value]) => `- **${label}:** ${inline(value)}`);
  const url = doc.pageUrl?.trim();
  // An autolink only for a plain web address; anything else stays inert text.
  if (url) lines.push(`- **Online:** ${/^https?:\/\/[^\s<>]+$/.test(url) ? `<${url}>` : inline(url)}`);
  return lines.join('\n');
}

function attendanceBlock(view: MinutesView): string {
  if (!view.doc.attendance.length) return 'Keine Anwesenheit erfasst.';
  const rows = view.doc.attendance.map((attendee) => [
    attendeeName(attendee),
    attendee.organization ?? '',
    ATTENDANCE_STATUS_LABELS[attendee.status],
    attendeeMode(attendee),
  ]);
  return `${table(['Name', 'Organisation', 'Status', 'Teilnahme'], rows)}\n\n${view.attendanceSummary}.`;
}

function actionItemsBlock(view: MinutesView): string {
  if (!view.actionItems.length) return 'Keine Aufgaben.';
  const rows = view.actionItems.map((entry) => [
    String(entry.itemNumber),
    `${entry.text}${confidentialSuffix(entry)}`,
    (entry.assignees ?? []).join(', '),
    entry.dueDate ? formatCalendarDay(entry.dueDate) : '',
    entry.group ?? '',
    entry.taskDone ? 'erledigt' : 'offen',
  ]);
  return table(['TOP', 'Aufgabe', 'Verantwortlich', 'Fällig', 'Gruppe', 'Status'], rows);
}

/** `**Aufgabe:** text — verantwortlich: A, B; fällig: 31.01.2026; Gruppe: UAG 2 (erledigt)` */
function entryParagraph(entry: MinutesDocumentEntry): string {
  const details = entry.kind === 'action_item' ? actionItemDetails(entry) : [];
  const suffix =
    (details.length ? ` — ${details.map(inline).join('; ')}` : '') +
    (entry.kind === 'action_item' && entry.taskDone ? ' (erledigt)' : '');
  // The entry is one paragraph: its own line breaks become hard breaks, blank lines would end it early.
  const lines = entry.text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const body = lines.map((line, index) => (index === 0 ? line : escapeLineStart(line))).join('  \n');
  return `**${entryLabel(entry)}:** ${body}${suffix}`;
}

function presenterSuffix(presenter: string | null | undefined): string {
  return presenter?.trim() ? ` (${inline(presenter)})` : '';
}

function confidentialSuffix(entry: MinutesDocumentEntry): string {
  return entry.confidential ? ' (vertraulich)' : '';
}

function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map((cell) => tableCell(cell) || '–').join(' | ')} |`;
  return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** Collapses user text onto one line, so it cannot open a block of its own. */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// A pipe would end the cell early; a backslash right before it would otherwise swallow our escape.
function tableCell(text: string): string {
  return inline(text)
    .replace(/\\(?=\|)/g, '\\\\')
    .replace(/\|/g, '\\|');
}

// "#" anywhere in a heading is escaped: a trailing run of them would be read as a closing sequence.
function headingText(text: string): string {
  return inline(text).replace(/#/g, '\\#') || '–';
}

const BLOCK_START =
  /^( {0,3})(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)|=+\s*$|-{2,}\s*$|\*{3,}\s*$|_{3,}\s*$|`{3,}|~{3,}|\|)/;

/** Escapes a marker at the start of a line that would turn a paragraph line into a heading, list, quote or fence. */
function escapeLineStart(line: string): string {
  return line.replace(BLOCK_START, (_match, indent: string, marker: string) => {
    // For "1." the dot is the marker; escaping the digit would do nothing.
    const ordered = /^(\d+)([.)])$/.exec(marker);
    return ordered ? `${indent}${ordered[1]}\\${ordered[2]}` : `${indent}\\${marker}`;
  });
}

/**
 * Keeps user-written Markdown (the notes) but stops it from breaking the document's outline:
 * headings move below the TOP heading level, setext underlines cannot make a heading, a leading
 * "<" cannot open raw HTML, and an unclosed code fence is closed so it cannot swallow the rest.
 */
function userBlockMarkdown(text: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      out.push(line);
      const closing = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (closing && closing[1].startsWith(fence)) fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      out.push(line);
      continue;
    }
    const previous = out.at(-1)?.trim() ?? '';
    const heading = /^( {0,3})(#{1,6})(\s.*|)$/.exec(line);
    if (heading) {
      out.push(`${heading[1]}${'#'.repeat(Math.min(6, heading[2].length + 2))}${heading[3]}`);
    } else if (/^ {0,3}</.test(line)) {
      // Renderers that allow raw HTML would let an unclosed comment or block hide the rest of the export.
      out.push(line.replace('<', '\\<'));
    } else if (previous && /^ {0,3}=+\s*$/.test(line)) {
      out.push(line.replace('=', '\\='));
    } else if (previous && /^ {0,3}-+\s*$/.test(line)) {
      // After a paragraph this would be a level-2 heading; a blank line turns it into a rule.
      out.push('', line);
    } else {
      out.push(line);
    }
  }
  if (fence) out.push(fence);
  while (out.length && !out.at(-1)?.trim()) out.pop();
  while (out.length && !out[0].trim()) out.shift();
  return out.join('\n');
}
