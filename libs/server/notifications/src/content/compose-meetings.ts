import { MailBlock } from '@srp/server/platform';
import {
  berlinDay,
  berlinTime,
  capitalize,
  count,
  dayMonth,
  germanList,
  longDate,
  longDateTime,
  oneLine,
  quote,
  relativeDay,
  shortDate,
  shortDateTime,
  timeSpan,
  uncapitalize,
} from './compose-format';
import {
  absolute,
  agendaRows,
  andMore,
  answerLabel,
  answerSentence,
  build,
  button,
  capped,
  FactRow,
  facts,
  greeting,
  meetingButtons,
  meetingRows,
  paragraph,
  paths,
} from './compose-parts';
import { ComposeContext, MeetingFacts, Notice, NoticeData } from './notice-data';

type Data<K extends NoticeData['kind']> = Extract<NoticeData, { kind: K }>;

const ALWAYS_SENT =
  'Einladungen und Absagen von Terminen erhalten Sie immer, weil sie Ihren Kalender betreffen; alle anderen Benachrichtigungen können Sie einstellen.';

/** Series dates listed in a mail at most (a weekly series over a year has 52). */
const DATES_MAX = 24;

/** Meeting dates as rows "Mi., 2. Dez. 2026" → "10:00–11:30 Uhr" (each as long as `meeting`). */
function dateBlocks(dates: Date[], meeting: MeetingFacts): MailBlock[] {
  const duration = meeting.endsAt.getTime() - meeting.startsAt.getTime();
  return capped(
    dates,
    (start): FactRow => {
      const end = new Date(start.getTime() + duration);
      const sameDay = berlinDay(start) === berlinDay(end);
      return [
        shortDate(berlinDay(start)),
        sameDay ? `${berlinTime(start)}–${berlinTime(end)} Uhr` : `${berlinTime(start)} Uhr bis ${shortDateTime(end)}`,
      ];
    },
    (n) => `${andMore(n, 'weiterer Termin', 'weitere Termine')} Alle Termine finden Sie im Portal.`,
    DATES_MAX,
  );
}

function sorted(dates: Date[]): Date[] {
  return [...dates].sort((a, b) => a.getTime() - b.getTime());
}

function title(meeting: MeetingFacts): string {
  return oneLine(meeting.title);
}

export function composeInvitation(data: Data<'meeting_invitation'>, ctx: ComposeContext): Notice {
  const { meeting } = data;
  const dates = sorted(data.seriesDates);
  const series = dates.length > 1;
  const first = longDate(berlinDay(dates[0] ?? meeting.startsAt));
  const what = series
    ? `zu ${dates.length} Terminen der Reihe ${quote(title(meeting))} ab ${first}`
    : `zu ${quote(title(meeting))} am ${timeSpan(meeting.startsAt, meeting.endsAt)}`;
  const sentence = data.invitedBy ? `${data.invitedBy} lädt Sie ${what} ein.` : `Sie sind ${what} eingeladen.`;
  return build(
    'meeting_invitation',
    {
      title: series
        ? `Einladung: ${title(meeting)} – ${dates.length} Termine ab ${first}`
        : `Einladung: ${title(meeting)} am ${shortDateTime(meeting.startsAt)}`,
      body: sentence,
      link: paths.meeting(meeting.id),
      blocks: [
        greeting(data.recipient),
        paragraph(sentence),
        ...facts(meetingRows(meeting)),
        ...(series ? [paragraph('Alle Termine der Reihe:'), ...dateBlocks(dates, meeting)] : []),
        ...(meeting.agenda.length ? [paragraph('Tagesordnung:'), ...facts(agendaRows(meeting))] : []),
        paragraph(
          series
            ? 'Bitte sagen Sie im Portal zu oder ab; Ihre Antwort geben Sie für jeden Termin einzeln.'
            : 'Bitte sagen Sie im Portal zu oder ab.',
        ),
        ...meetingButtons(meeting, ctx),
      ],
      because: `Sie zu ${quote(title(meeting))} eingeladen wurden. ${ALWAYS_SENT}`,
    },
    ctx,
  );
}

/** Changed fields as the invitees read them, in a fixed order; unknown fields are left out. */
const CHANGE_LABELS: Array<[label: string, fields: string[]]> = [
  ['Zeit', ['startsAt', 'endsAt']],
  ['Ort', ['address', 'room']],
  ['Format', ['format']],
  ['Online-Link', ['onlineUrl']],
  ['Titel', ['title']],
  ['Beschreibung', ['description']],
  ['Art des Termins', ['kind']],
  ['Anzahl der Plätze', ['capacity']],
  ['Ansprechperson', ['organizerId']],
  ['Themenvorschläge', ['callForItems']],
  ['Einladungsliste', ['invitations', 'inviteAll']],
];

export function changeLabels(fields: string[]): string[] {
  return CHANGE_LABELS.filter(([, keys]) => keys.some((k) => fields.includes(k))).map(([label]) => label);
}

export function composeChanged(data: Data<'meeting_changed'>, ctx: ComposeContext): Notice {
  const { meeting } = data;
  const changed = changeLabels(data.fields);
  const what = changed.length ? `Geändert: ${germanList(changed)}.` : 'Die Angaben zum Termin wurden geändert.';
  const who = data.changedBy
    ? `${data.changedBy} hat den Termin ${quote(title(meeting))} geändert.`
    : `der Termin ${quote(title(meeting))} wurde geändert.`;
  return build(
    'meeting_changed',
    {
      title: `Geändert: ${title(meeting)} am ${shortDateTime(meeting.startsAt)}`,
      body: `${what} Der Termin findet am ${timeSpan(meeting.startsAt, meeting.endsAt)} statt.`,
      link: paths.meeting(meeting.id),
      blocks: [
        greeting(data.recipient),
        paragraph(`${who}${changed.length ? ` ${what}` : ''}`),
        paragraph('So sieht der Termin jetzt aus:'),
        ...facts(meetingRows(meeting)),
        ...meetingButtons(meeting, ctx),
      ],
      because: `Sie zu ${quote(title(meeting))} eingeladen sind und sich Angaben zu diesem Termin geändert haben.`,
    },
    ctx,
  );
}

/** The rows that identify a meeting that no longer concerns the recipient. */
function shortMeetingRows(meeting: MeetingFacts): FactRow[] {
  return meetingRows(meeting).filter(([label]) =>
    ['Termin', 'Wann', 'Arbeitsgruppe', 'Organisiert von'].includes(label),
  );
}

export function composeCancelled(data: Data<'meeting_cancelled'>, ctx: ComposeContext): Notice {
  const { meeting } = data;
  const dates = sorted(data.cancelledDates.length ? data.cancelledDates : [meeting.startsAt]);
  const several = dates.length > 1;
  const first = longDate(berlinDay(dates[0] ?? meeting.startsAt));
  const datesList = several ? [paragraph('Betroffen sind diese Termine:'), ...dateBlocks(dates, meeting)] : [];
  const calendarHint = paragraph(
    several
      ? 'Wenn Sie die Termine in Ihren Kalender übernommen haben, können Sie sie dort löschen.'
      : 'Wenn Sie den Termin in Ihren Kalender übernommen haben, können Sie ihn dort löschen.',
  );
  const subjectTail = several
    ? `${title(meeting)} – ${dates.length} Termine ab ${first}`
    : `${title(meeting)} am ${shortDateTime(meeting.startsAt)}`;
  const because = `Sie zu ${quote(title(meeting))} eingeladen waren. ${ALWAYS_SENT}`;

  if (data.uninvited) {
    const sentence = `Sie sind ${
      several
        ? `zu ${dates.length} Terminen der Reihe ${quote(title(meeting))} ab ${first}`
        : `zu ${quote(title(meeting))} am ${timeSpan(meeting.startsAt, meeting.endsAt)}`
    } nicht mehr eingeladen.`;
    return build(
      'meeting_cancelled',
      {
        title: `Nicht mehr eingeladen: ${subjectTail}`,
        body: sentence,
        link: '/termine',
        blocks: [
          greeting(data.recipient),
          paragraph(data.cancelledBy ? `${data.cancelledBy} hat die Einladungsliste geändert: ${sentence}` : sentence),
          ...facts(shortMeetingRows(meeting)),
          ...datesList,
          calendarHint,
          button('Ihre Termine im Portal', absolute(ctx, '/termine')),
        ],
        because,
      },
      ctx,
    );
  }

  const subjectPhrase = several
    ? `${dates.length} Termine der Reihe ${quote(title(meeting))} ab ${first}`
    : `der Termin ${quote(title(meeting))} am ${timeSpan(meeting.startsAt, meeting.endsAt)}`;
  const objectPhrase = several
    ? `${dates.length} Termine der Reihe ${quote(title(meeting))} ab ${first}`
    : `den Termin ${quote(title(meeting))} am ${timeSpan(meeting.startsAt, meeting.endsAt)}`;
  const passive = `${subjectPhrase} ${several ? 'wurden' : 'wurde'} abgesagt.`;
  const sentence = data.cancelledBy ? `${data.cancelledBy} hat ${objectPhrase} abgesagt.` : passive;
  const reasonText = meeting.cancelReason ? oneLine(meeting.cancelReason) : null;
  return build(
    'meeting_cancelled',
    {
      title: `Abgesagt: ${subjectTail}`,
      body: `${capitalize(passive)}${reasonText ? ` Grund: ${reasonText}` : ''}`,
      link: paths.meeting(meeting.id),
      blocks: [
        greeting(data.recipient),
        paragraph(sentence),
        ...facts([...shortMeetingRows(meeting), ...(reasonText ? ([['Grund', reasonText]] as FactRow[]) : [])]),
        ...datesList,
        calendarHint,
        button('Termin im Portal öffnen', absolute(ctx, paths.meeting(meeting.id))),
      ],
      because,
    },
    ctx,
  );
}

export function composeReminder(data: Data<'meeting_reminder'>, ctx: ComposeContext): Notice {
  const { meeting } = data;
  const when = relativeDay(berlinDay(data.now), berlinDay(meeting.startsAt));
  const time = berlinTime(meeting.startsAt);
  const answer: FactRow = ['Ihre Antwort', answerLabel(meeting)];
  return build(
    'meeting_reminder',
    {
      title: `Erinnerung: ${title(meeting)} ${when}, ${time} Uhr`,
      body: `${quote(title(meeting))} beginnt ${when} um ${time} Uhr. ${answerSentence(meeting)}`,
      link: paths.meeting(meeting.id),
      blocks: [
        greeting(data.recipient),
        paragraph(`${quote(title(meeting))} beginnt ${when} um ${time} Uhr. ${answerSentence(meeting)}`),
        ...facts([...meetingRows(meeting), answer]),
        ...(meeting.agenda.length
          ? [paragraph('Tagesordnung:'), ...facts(agendaRows(meeting))]
          : [paragraph('Für diesen Termin stehen noch keine Tagesordnungspunkte fest.')]),
        ...meetingButtons(meeting, ctx),
      ],
      because: `Sie zu ${quote(title(meeting))} eingeladen sind und Erinnerungen an Termine per E-Mail erhalten.`,
    },
    ctx,
  );
}

export function composeAgendaCall(data: Data<'agenda_call'>, ctx: ComposeContext): Notice {
  const { meeting } = data;
  const day = dayMonth(berlinDay(meeting.startsAt));
  const until = longDateTime(data.proposeUntil);
  return build(
    'agenda_call',
    {
      title: `Themen für ${quote(title(meeting))} am ${day} gesucht`,
      body: `Für ${quote(title(meeting))} am ${day} können Sie bis ${until} Themen für die Tagesordnung vorschlagen.`,
      link: paths.meeting(meeting.id),
      blocks: [
        greeting(data.recipient),
        paragraph(
          `für ${quote(title(meeting))} werden Themen gesucht. Bis ${until} können Sie auf der Seite des Termins Tagesordnungspunkte vorschlagen.`,
        ),
        ...facts([...meetingRows(meeting), ['Vorschläge bis', until]]),
        ...(meeting.agenda.length
          ? [paragraph('Bereits auf der Tagesordnung:'), ...facts(agendaRows(meeting))]
          : [paragraph('Bisher steht noch kein Punkt auf der Tagesordnung.')]),
        button('Thema vorschlagen', absolute(ctx, paths.meeting(meeting.id))),
      ],
      because: `Sie zu ${quote(title(meeting))} eingeladen sind und Aufrufe für Tagesordnungspunkte per E-Mail erhalten.`,
    },
    ctx,
  );
}

export function composeMinutesReview(data: Data<'minutes_review'>, ctx: ComposeContext): Notice {
  const { meeting } = data;
  const of = `${quote(title(meeting))} vom ${dayMonth(berlinDay(meeting.startsAt))}`;
  const deadline = data.deadline ? longDate(data.deadline) : null;
  const subject =
    data.beforeDeadline && data.deadline
      ? `Frist läuft am ${dayMonth(data.deadline)} ab: Protokoll zu ${of}`
      : `Bitte prüfen und zustimmen: Protokoll zu ${of}`;
  const ask = deadline
    ? `Bitte lesen Sie das Protokoll und stimmen Sie ihm bis einschließlich ${deadline} im Portal zu.`
    : 'Bitte lesen Sie das Protokoll und stimmen Sie ihm im Portal zu.';
  const intro = data.beforeDeadline
    ? `Sie haben dem Protokoll zu ${of} noch nicht zugestimmt.`
    : data.submittedBy
      ? `${data.submittedBy} hat das Protokoll zu ${of} zur Prüfung vorgelegt.`
      : `das Protokoll zu ${of} liegt zur Prüfung vor.`;
  const rows: FactRow[] = [
    ['Termin', title(meeting)],
    ['Wann', timeSpan(meeting.startsAt, meeting.endsAt)],
  ];
  if (meeting.groupName) rows.push(['Arbeitsgruppe', meeting.groupName]);
  if (data.submittedBy) rows.push(['Vorgelegt von', data.submittedBy]);
  rows.push(['Zustimmung bis', data.deadline ? `einschließlich ${shortDate(data.deadline)}` : 'ohne Frist']);
  return build(
    'minutes_review',
    {
      title: subject,
      body: `${capitalize(intro)} ${ask}`,
      link: paths.minutes(meeting.id),
      blocks: [
        greeting(data.recipient),
        paragraph(
          `${intro} Sie waren bei dem Termin anwesend; die Anwesenden stimmen dem Protokoll zu, bevor es freigegeben wird.`,
        ),
        paragraph(ask),
        ...facts(rows),
        button('Protokoll prüfen', absolute(ctx, paths.minutes(meeting.id))),
      ],
      because: `Sie bei ${quote(title(meeting))} anwesend waren und die Anwesenden dem Protokoll vor der Freigabe zustimmen.`,
    },
    ctx,
  );
}

export function composeMinutesReleased(data: Data<'minutes_released'>, ctx: ComposeContext): Notice {
  const { meeting } = data;
  const of = `${title(meeting)} vom ${dayMonth(berlinDay(meeting.startsAt))}`;
  const newVersion = data.revision > 1;
  const contents = `Es enthält ${count(data.decisions, 'Beschluss', 'Beschlüsse', 'keine Beschlüsse')} und ${count(data.actionItems, 'Aufgabe', 'Aufgaben', 'keine Aufgaben')}.`;
  const released = newVersion
    ? `Eine neue Fassung des Protokolls zu ${quote(title(meeting))} vom ${longDate(berlinDay(meeting.startsAt))} ist freigegeben (Fassung ${data.revision}).`
    : `Das Protokoll zu ${quote(title(meeting))} vom ${longDate(berlinDay(meeting.startsAt))} ist freigegeben.`;
  const rows: FactRow[] = [
    ['Termin', title(meeting)],
    ['Wann', timeSpan(meeting.startsAt, meeting.endsAt)],
  ];
  if (meeting.groupName) rows.push(['Arbeitsgruppe', meeting.groupName]);
  rows.push(['Beschlüsse', String(data.decisions)], ['Aufgaben', String(data.actionItems)]);
  if (newVersion) rows.push(['Fassung', String(data.revision)]);
  return build(
    'minutes_released',
    {
      title: newVersion ? `Neue Fassung des Protokolls freigegeben: ${of}` : `Protokoll freigegeben: ${of}`,
      body: `${released} ${contents}`,
      link: paths.minutes(meeting.id),
      blocks: [
        greeting(data.recipient),
        paragraph(`${uncapitalize(released)} ${contents}`),
        ...facts(rows),
        button('Protokoll lesen', absolute(ctx, paths.minutes(meeting.id))),
      ],
      because: `Sie das Protokoll zu ${quote(title(meeting))} im Portal lesen können und über freigegebene Protokolle per E-Mail informiert werden.`,
    },
    ctx,
  );
}
