import { MANDATORY_NOTIFICATION_KINDS, NOTIFICATION_KIND_LABELS, NotificationKind } from '@srp/contracts';
import { MailBlock, MailFooterLink } from '@srp/server/platform';
import { count, numericDate, oneLine, quote, timeSpan, truncate } from './compose-format';
import { ComposeContext, MeetingFacts, Notice, Recipient, TaskFacts } from './notice-data';

/** The notification centre's title column holds 300 characters. */
export const TITLE_MAX = 300;
/** Lists in a mail stop after this many entries ("und 4 weitere"). */
export const LIST_MAX = 10;

export type FactRow = [label: string, value: string];

/** What a composer decides; `build` adds the parts every notice shares. */
export interface NoticeParts {
  title: string;
  body: string;
  /** Path inside the portal, starting with "/". */
  link: string;
  blocks: MailBlock[];
  /** Ends the sentence "Sie erhalten diese E-Mail, weil …". */
  because: string;
  /** Mail preview; the body when not given. */
  preview?: string;
}

export function build(kind: NotificationKind, parts: NoticeParts, ctx: ComposeContext): Notice {
  const title = truncate(oneLine(parts.title), TITLE_MAX);
  return {
    kind,
    title,
    body: parts.body,
    link: parts.link,
    mail: {
      subject: title,
      preview: parts.preview ?? parts.body,
      blocks: parts.blocks,
      reason: reason(parts.because),
      footerLinks: footerLinks(kind, ctx),
    },
  };
}

export const REASON_LEAD_IN = 'Warum erhalte ich diese E-Mail?';

export function reason(because: string): string {
  return `${REASON_LEAD_IN} Sie erhalten diese E-Mail, weil ${because}`;
}

/** Kinds one can switch off link to their setting; invitations and cancellations to the settings page. */
export function footerLinks(kind: NotificationKind, ctx: ComposeContext): MailFooterLink[] {
  if (MANDATORY_NOTIFICATION_KINDS.includes(kind)) {
    return [{ label: 'Ihre Benachrichtigungen verwalten', url: ctx.preferencesUrl }];
  }
  return [
    {
      label: `Benachrichtigungen zu ${quote(NOTIFICATION_KIND_LABELS[kind])} ändern oder abbestellen`,
      url: ctx.preferencesUrl,
    },
  ];
}

export function absolute(ctx: ComposeContext, path: string): string {
  return `${ctx.portalUrl}${path}`;
}

export const paths = {
  meeting: (id: string) => `/termine/${id}`,
  minutes: (meetingId: string) => `/termine/${meetingId}/protokoll`,
  task: (id: string) => `/aufgaben/${id}`,
  tasks: () => '/aufgaben',
  organization: (id: string) => `/kommunen/${id}`,
  group: (id: string) => `/arbeitsgruppen/${id}`,
  decisions: () => '/beschluesse',
  start: () => '/',
};

export function greeting(recipient: Recipient): MailBlock {
  const name = oneLine(recipient.name);
  return { kind: 'heading', text: name ? `Guten Tag ${name},` : 'Guten Tag,' };
}

export function paragraph(text: string): MailBlock {
  return { kind: 'paragraph', text };
}

export function button(label: string, url: string): MailBlock {
  return { kind: 'button', label, url };
}

export function facts(rows: FactRow[]): MailBlock[] {
  return rows.length ? [{ kind: 'facts', rows }] : [];
}

export function section(text: string): MailBlock {
  return { kind: 'heading', text, level: 2 };
}

/** The first `LIST_MAX` rows, and a note how many were left out. */
export function capped<T>(
  items: T[],
  row: (item: T) => FactRow,
  more: (n: number) => string,
  max = LIST_MAX,
): MailBlock[] {
  const blocks = facts(items.slice(0, max).map(row));
  if (items.length > max) blocks.push(paragraph(more(items.length - max)));
  return blocks;
}

/** "… und 4 weitere Aufgaben." */
export function andMore(n: number, singular: string, plural: string): string {
  return `… und ${count(n, singular, plural)}.`;
}

// ---- meetings ----

/** Online or hybrid meetings are joined online. */
export function joinsOnline(meeting: MeetingFacts): boolean {
  return meeting.format !== 'in_person';
}

/** Termin, Art, Wann, Wo, Online, Arbeitsgruppe, Organisiert von. */
export function meetingRows(meeting: MeetingFacts): FactRow[] {
  const rows: FactRow[] = [['Termin', oneLine(meeting.title)]];
  if (meeting.kindLabel && meeting.kindLabel !== meeting.title) rows.push(['Art', meeting.kindLabel]);
  rows.push(['Wann', timeSpan(meeting.startsAt, meeting.endsAt)]);
  if (meeting.format !== 'online' && meeting.place) rows.push(['Wo', oneLine(meeting.place)]);
  if (joinsOnline(meeting)) {
    rows.push(['Online', meeting.onlineUrl ?? 'Der Zugangslink wird im Portal bekannt gegeben.']);
  }
  if (meeting.groupName) rows.push(['Arbeitsgruppe', meeting.groupName]);
  if (meeting.organizerName) rows.push(['Organisiert von', meeting.organizerName]);
  return rows;
}

/** "Termin im Portal öffnen" and, for online and hybrid meetings, "Online teilnehmen". */
export function meetingButtons(
  meeting: MeetingFacts,
  ctx: ComposeContext,
  label = 'Termin im Portal öffnen',
): MailBlock[] {
  const blocks = [button(label, absolute(ctx, paths.meeting(meeting.id)))];
  if (joinsOnline(meeting) && meeting.onlineUrl) blocks.push(button('Online teilnehmen', meeting.onlineUrl));
  return blocks;
}

/** The accepted agenda as numbered rows: "TOP 1" → "Begrüßung – Erika Muster (10 Min.)". */
export function agendaRows(meeting: MeetingFacts): FactRow[] {
  return meeting.agenda.map((item, index) => {
    const presenter = item.presenter ? ` – ${item.presenter}` : '';
    const minutes = item.plannedMinutes ? ` (${item.plannedMinutes} Min.)` : '';
    return [`TOP ${index + 1}`, `${oneLine(item.title)}${presenter}${minutes}`];
  });
}

/** The recipient's answer as a fact: "Zusage", "Zusage – Sie stehen auf der Warteliste", … */
export function answerLabel(meeting: MeetingFacts): string {
  switch (meeting.myAnswer) {
    case 'yes':
      return meeting.waitlisted ? 'Zusage – Sie stehen auf der Warteliste' : 'Zusage';
    case 'maybe':
      return 'Vielleicht';
    case 'no':
      return 'Absage';
    case null:
      return 'Noch keine Antwort';
  }
}

/** A sentence on the recipient's answer, as the meeting page says it. */
export function answerSentence(meeting: MeetingFacts): string {
  switch (meeting.myAnswer) {
    case 'yes':
      return meeting.waitlisted
        ? 'Sie haben zugesagt und stehen auf der Warteliste. Sobald ein Platz frei wird, rücken Sie automatisch nach.'
        : 'Sie haben zugesagt.';
    case 'maybe':
      return 'Sie haben mit „Vielleicht“ geantwortet. Bitte sagen Sie im Portal zu oder ab, sobald Sie es wissen.';
    case 'no':
      return 'Sie haben abgesagt. Wenn Sie doch teilnehmen möchten, ändern Sie Ihre Antwort im Portal.';
    case null:
      return 'Sie haben noch nicht geantwortet. Bitte sagen Sie im Portal zu oder ab.';
  }
}

// ---- tasks ----

const TASK_STATUS_LABELS: Record<string, string> = {
  open: 'Offen',
  in_progress: 'In Arbeit',
  blocked: 'Blockiert',
  done: 'Erledigt',
};

export function taskStatusLabel(status: string): string {
  return TASK_STATUS_LABELS[status] ?? status;
}

/** "UAG 2 · fällig am 10.12.2026" */
export function taskSummary(task: TaskFacts): string {
  return task.dueDate
    ? `${task.groupName} · fällig am ${numericDate(task.dueDate)}`
    : `${task.groupName} · ohne Fälligkeitsdatum`;
}

/** Tasks ordered by due date (earliest first, those without one last), then title. */
export function byDueDate(a: TaskFacts, b: TaskFacts): number {
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  return a.title.localeCompare(b.title, 'de');
}
