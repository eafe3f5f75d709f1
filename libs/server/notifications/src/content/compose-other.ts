import { addDays } from '@srp/server/meetings';
import { MAIL_TEMPLATES, MailContent, MailTemplateName } from '@srp/server/platform';
import { count, dayMonth, longDate, numericDate, oneLine, quote, shortDateTime, truncate } from './compose-format';
import {
  absolute,
  andMore,
  answerLabel,
  build,
  button,
  byDueDate,
  capped,
  FactRow,
  greeting,
  paragraph,
  paths,
  REASON_LEAD_IN,
  section,
  taskSummary,
} from './compose-parts';
import { overdueSince } from './compose-tasks';
import { ComposeContext, MeetingFacts, Notice, NoticeData } from './notice-data';

type Data<K extends NoticeData['kind']> = Extract<NoticeData, { kind: K }>;

/** The existing decision template's content, with the reason's lead-in and this kind's footer link. */
function fromTemplate(
  kind: 'membership_decided' | 'group_join_decided',
  mail: MailContent,
  body: string,
  link: string,
  ctx: ComposeContext,
): Notice {
  const notice = build(kind, { title: mail.subject, body, link, blocks: mail.blocks, because: '' }, ctx);
  // The template words its reason itself ("Sie erhalten diese E-Mail, weil …").
  return { ...notice, mail: { ...notice.mail, preview: mail.preview, reason: `${REASON_LEAD_IN} ${mail.reason}` } };
}

export function composeMembershipDecided(data: Data<'membership_decided'>, ctx: ComposeContext): Notice {
  const link = paths.organization(data.organizationId);
  const mail = MAIL_TEMPLATES[MailTemplateName.MembershipDecided](
    {
      name: data.recipient.name,
      organizationName: data.organizationName,
      approved: data.approved,
      message: data.message,
      decidedBy: data.decidedBy,
      link: absolute(ctx, link),
    },
    { portalUrl: ctx.portalUrl },
  );
  const body = data.approved
    ? `Die Koordination hat die Mitgliedschaft von ${data.organizationName} in der Landesinitiative angenommen.`
    : `Die Koordination hat die Mitgliedschaftsanfrage von ${data.organizationName} derzeit nicht angenommen.`;
  return fromTemplate('membership_decided', mail, body, link, ctx);
}

export function composeGroupJoinDecided(data: Data<'group_join_decided'>, ctx: ComposeContext): Notice {
  const link = paths.group(data.groupId);
  const mail = MAIL_TEMPLATES[MailTemplateName.GroupJoinDecided](
    {
      name: data.recipient.name,
      groupName: data.groupName,
      approved: data.approved,
      decidedBy: data.decidedBy,
      link: absolute(ctx, link),
    },
    { portalUrl: ctx.portalUrl },
  );
  const body = data.approved
    ? `${data.decidedBy} hat Ihre Anfrage zur Mitarbeit in der ${data.groupName} angenommen.`
    : `${data.decidedBy} hat Ihre Anfrage zur Mitarbeit in der ${data.groupName} nicht angenommen.`;
  return fromTemplate('group_join_decided', mail, body, link, ctx);
}

/** "7. bis 13. Dezember 2026", "30. November bis 6. Dezember 2026", "28. Dezember 2026 bis 3. Januar 2027". */
export function weekRange(start: string, end: string): string {
  if (start.slice(0, 4) !== end.slice(0, 4)) return `${longDate(start)} bis ${longDate(end)}`;
  if (start.slice(0, 7) !== end.slice(0, 7)) return `${dayMonth(start)} bis ${longDate(end)}`;
  return `${Number(start.slice(8, 10))}. bis ${longDate(end)}`;
}

function meetingRow(meeting: MeetingFacts): FactRow {
  const group = meeting.groupName ? ` (${meeting.groupName})` : '';
  const state = meeting.status === 'cancelled' ? 'abgesagt' : answerLabel(meeting);
  return [shortDateTime(meeting.startsAt, false), `${oneLine(meeting.title)}${group} · ${state}`];
}

export function composeWeeklyDigest(data: Data<'weekly_digest'>, ctx: ComposeContext): Notice {
  const range = weekRange(data.weekStart, addDays(data.weekStart, 6));
  const meetings = [...data.meetings].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const overdue = [...data.overdueTasks].sort(byDueDate);
  // Overdue tasks are open tasks too; a task in both lists is shown (and counted) once, as overdue.
  const overdueIds = new Set(overdue.map((t) => t.id));
  const open = data.openTasks.filter((t) => !overdueIds.has(t.id)).sort(byDueDate);
  const openTotal = open.length + overdue.length;
  const decisions = [...data.decisions].sort((a, b) =>
    a.decidedOn < b.decidedOn ? 1 : a.decidedOn > b.decidedOn ? -1 : 0,
  );

  const meetingCount = count(meetings.length, 'Termin', 'Termine', 'keine Termine');
  const taskCount = `${count(openTotal, 'offene Aufgabe', 'offene Aufgaben', 'keine offenen Aufgaben')}${
    overdue.length ? `, davon ${overdue.length} überfällig` : ''
  }`;
  const decisionCount = decisions.length ? count(decisions.length, 'neuer Beschluss', 'neue Beschlüsse') : null;

  const blocks = [greeting(data.recipient), paragraph(`hier ist Ihre Übersicht für die Woche vom ${range}.`)];
  if (meetings.length) {
    blocks.push(
      section('Ihre Termine diese Woche'),
      ...capped(meetings, meetingRow, (n) => andMore(n, 'weiterer Termin', 'weitere Termine')),
    );
  }
  if (overdue.length) {
    blocks.push(
      section('Überfällige Aufgaben'),
      ...capped(
        overdue,
        (task): FactRow => [oneLine(task.title), `${taskSummary(task)}, ${overdueSince(task, data.today)}`],
        (n) => andMore(n, 'weitere Aufgabe', 'weitere Aufgaben'),
      ),
    );
  }
  if (open.length) {
    blocks.push(
      section(overdue.length ? 'Weitere offene Aufgaben' : 'Offene Aufgaben'),
      ...capped(
        open,
        (task): FactRow => [oneLine(task.title), taskSummary(task)],
        (n) => andMore(n, 'weitere Aufgabe', 'weitere Aufgaben'),
      ),
    );
  }
  if (decisions.length) {
    blocks.push(
      section('Neue Beschlüsse in Ihren Gruppen'),
      ...capped(
        decisions,
        (d): FactRow => [
          numericDate(d.decidedOn),
          `${truncate(oneLine(d.text), 300)} (${[quote(oneLine(d.meetingTitle)), d.groupName].filter(Boolean).join(', ')})`,
        ],
        (n) => andMore(n, 'weiterer Beschluss', 'weitere Beschlüsse'),
      ),
    );
  }
  if (!meetings.length && !openTotal && !decisions.length) {
    blocks.push(paragraph('Für diese Woche stehen für Sie keine Termine und keine offenen Aufgaben an.'));
  }
  blocks.push(button('Portal öffnen', absolute(ctx, paths.start())));

  return build(
    'weekly_digest',
    {
      title: `Ihre Woche: ${meetingCount}, ${taskCount}`,
      body: `Woche vom ${range}: ${meetingCount}, ${taskCount}${decisionCount ? `; ${decisionCount}` : ''}.`,
      link: paths.start(),
      blocks,
      because: 'Sie die Wochenübersicht am Montag per E-Mail erhalten.',
    },
    ctx,
  );
}
