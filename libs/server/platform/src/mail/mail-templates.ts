import { MailContent } from './mail-content';

/** Every e-mail the portal sends, by name; the parameters each template needs. */
export enum MailTemplateName {
  TestMail = 'test-mail',
  Invitation = 'invitation',
  PasswordReset = 'password-reset',
  MembershipDecided = 'membership-decided',
  GroupJoinDecided = 'group-join-decided',
  /** A notification whose content the notifications domain composed (blocks, subject, reason). */
  Notification = 'notification',
  /** A guest's personal link to a meeting (guests have no account). */
  MeetingGuestInvitation = 'meeting-guest-invitation',
  /** A guest was taken off a meeting's guest list (with a CANCEL .ics). */
  MeetingGuestRemoved = 'meeting-guest-removed',
}

export interface MailTemplateParams {
  [MailTemplateName.TestMail]: { requestedAt: string; requestedBy: string };
  [MailTemplateName.Invitation]: { name: string; invitedBy: string; link: string; expiresAt: string };
  [MailTemplateName.PasswordReset]: { name: string; link: string; expiresAt: string };
  [MailTemplateName.MembershipDecided]: {
    name: string;
    organizationName: string;
    approved: boolean;
    message: string | null;
    decidedBy: string;
    link: string;
  };
  [MailTemplateName.GroupJoinDecided]: {
    name: string;
    groupName: string;
    approved: boolean;
    decidedBy: string;
    link: string;
  };
  [MailTemplateName.Notification]: { content: MailContent };
  [MailTemplateName.MeetingGuestInvitation]: {
    name: string;
    meetingTitle: string;
    startsAt: string;
    endsAt: string;
    place: string | null;
    onlineUrl: string | null;
    organizer: string | null;
    invitedBy: string;
    link: string;
  };
  [MailTemplateName.MeetingGuestRemoved]: {
    name: string;
    meetingTitle: string;
    startsAt: string;
    endsAt: string;
    removedBy: string;
  };
}

export interface MailTemplateContext {
  portalUrl: string;
}

const berlinDateTime = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** Formats an instant as German date and time in Europe/Berlin ("26.11.2026, 14:05"). */
export function formatBerlinDateTime(iso: string): string {
  return berlinDateTime.format(new Date(iso));
}

type TemplateFn<T> = (params: T, context: MailTemplateContext) => MailContent;

export const MAIL_TEMPLATES: { [K in MailTemplateName]: TemplateFn<MailTemplateParams[K]> } = {
  [MailTemplateName.Notification]: (params) => params.content,
  [MailTemplateName.MeetingGuestInvitation]: (params) => ({
    subject: `Einladung: ${params.meetingTitle} am ${formatBerlinDateTime(params.startsAt)} Uhr`,
    preview: `${params.invitedBy} lädt Sie als Gast ein.`,
    blocks: [
      { kind: 'heading', text: `Guten Tag ${params.name},` },
      {
        kind: 'paragraph',
        text: `${params.invitedBy} lädt Sie als Gast zu „${params.meetingTitle}“ der Landesinitiative Smart City / Smart Region Sachsen-Anhalt ein. Über Ihren persönlichen Link sehen Sie den Termin und die Tagesordnung und sagen zu oder ab – ohne Anmeldung.`,
      },
      {
        kind: 'facts',
        rows: [
          ['Wann', `${formatBerlinDateTime(params.startsAt)} – ${formatBerlinDateTime(params.endsAt)} Uhr`],
          ...(params.place ? ([['Wo', params.place]] as Array<[string, string]>) : []),
          ...(params.onlineUrl ? ([['Online', params.onlineUrl]] as Array<[string, string]>) : []),
          ...(params.organizer ? ([['Organisiert von', params.organizer]] as Array<[string, string]>) : []),
        ],
      },
      { kind: 'button', label: 'Termin ansehen und antworten', url: params.link },
      {
        kind: 'paragraph',
        text: 'Der Link ist persönlich: Bitte geben Sie ihn nicht weiter. Die angehängte Kalenderdatei (.ics) trägt den Termin in Ihren Kalender ein.',
      },
    ],
    reason:
      'Warum erhalte ich diese E-Mail? Sie wurden als Gast zu einem Termin im SmartRegion Portal eingeladen. Weitere E-Mails erhalten Sie nur, wenn sich der Termin ändert oder abgesagt wird.',
  }),
  [MailTemplateName.MeetingGuestRemoved]: (params) => ({
    subject: `Nicht mehr eingeladen: ${params.meetingTitle} am ${formatBerlinDateTime(params.startsAt)} Uhr`,
    preview: `Sie sind zu „${params.meetingTitle}“ nicht mehr als Gast eingeladen.`,
    blocks: [
      { kind: 'heading', text: `Guten Tag ${params.name},` },
      {
        kind: 'paragraph',
        text: `${params.removedBy.charAt(0).toUpperCase()}${params.removedBy.slice(1)} hat Sie von der Gästeliste für „${params.meetingTitle}“ gestrichen. Ihr persönlicher Link zu diesem Termin gilt nicht mehr.`,
      },
      {
        kind: 'facts',
        rows: [['Wann', `${formatBerlinDateTime(params.startsAt)} – ${formatBerlinDateTime(params.endsAt)} Uhr`]],
      },
      {
        kind: 'paragraph',
        text: `Die angehängte Kalenderdatei (.ics) entfernt den Termin aus Ihrem Kalender. Bei Fragen wenden Sie sich bitte an ${params.removedBy}.`,
      },
    ],
    reason:
      'Warum erhalte ich diese E-Mail? Sie waren als Gast zu diesem Termin im SmartRegion Portal eingeladen. Weitere E-Mails zu diesem Termin erhalten Sie nicht.',
  }),
  [MailTemplateName.TestMail]: (params, context) => ({
    subject: 'Test-E-Mail des SmartRegion Portals',
    preview: 'Der E-Mail-Versand des Portals funktioniert.',
    blocks: [
      { kind: 'heading', text: 'Der E-Mail-Versand funktioniert' },
      {
        kind: 'paragraph',
        text: 'Diese Nachricht wurde als Test angefordert. Wenn Sie sie lesen, stellt das SmartRegion Portal E-Mails korrekt zu.',
      },
      {
        kind: 'facts',
        rows: [
          ['Angefordert am', formatBerlinDateTime(params.requestedAt)],
          ['Angefordert von', params.requestedBy],
        ],
      },
      { kind: 'button', label: 'Portal öffnen', url: context.portalUrl },
    ],
    reason:
      'Sie erhalten diese E-Mail, weil eine Administratorin oder ein Administrator des Portals eine Test-E-Mail an Ihre Adresse angefordert hat.',
  }),
  [MailTemplateName.Invitation]: (params) => ({
    subject: 'Einladung zum SmartRegion Portal',
    preview: `${params.invitedBy} lädt Sie zur Landesinitiative Smart City / Smart Region ein.`,
    blocks: [
      { kind: 'heading', text: `Guten Tag ${params.name},` },
      {
        kind: 'paragraph',
        text: `${params.invitedBy} lädt Sie in das SmartRegion Portal der Landesinitiative Smart City / Smart Region Sachsen-Anhalt ein. Dort finden Sie Termine, Protokolle, Aufgaben und Ihre Arbeitsgruppen.`,
      },
      {
        kind: 'paragraph',
        text: 'Über den folgenden Link legen Sie Ihr Passwort fest und bestätigen die Datenschutzhinweise. Der Link gilt nur einmal.',
      },
      { kind: 'button', label: 'Einladung annehmen', url: params.link },
      { kind: 'facts', rows: [['Gültig bis', formatBerlinDateTime(params.expiresAt)]] },
    ],
    reason:
      'Sie erhalten diese E-Mail, weil Sie jemand aus der Koordination der Landesinitiative eingeladen hat. Wenn Sie das nicht erwartet haben, können Sie diese E-Mail ignorieren.',
  }),
  [MailTemplateName.PasswordReset]: (params) => ({
    subject: 'Passwort für das SmartRegion Portal zurücksetzen',
    preview: 'Legen Sie ein neues Passwort fest.',
    blocks: [
      { kind: 'heading', text: `Guten Tag ${params.name},` },
      {
        kind: 'paragraph',
        text: 'Für Ihr Konto wurde ein neues Passwort angefordert. Über den folgenden Link legen Sie es fest. Der Link gilt nur einmal; danach sind Sie überall abgemeldet.',
      },
      { kind: 'button', label: 'Neues Passwort festlegen', url: params.link },
      { kind: 'facts', rows: [['Gültig bis', formatBerlinDateTime(params.expiresAt)]] },
    ],
    reason:
      'Sie erhalten diese E-Mail, weil auf der Anmeldeseite „Passwort vergessen“ für Ihre Adresse gewählt wurde. Wenn Sie das nicht waren, ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert.',
  }),
  [MailTemplateName.MembershipDecided]: (params) => ({
    subject: params.approved
      ? `Willkommen: ${params.organizationName} ist Mitglied der Landesinitiative`
      : `Ihre Mitgliedschaftsanfrage für ${params.organizationName}`,
    preview: params.approved ? 'Ihre Anfrage wurde angenommen.' : 'Die Koordination hat über Ihre Anfrage entschieden.',
    blocks: [
      { kind: 'heading', text: `Guten Tag ${params.name},` },
      {
        kind: 'paragraph',
        text: params.approved
          ? `die Koordination der Landesinitiative Smart City / Smart Region hat die Mitgliedschaft von ${params.organizationName} angenommen. Ihre Kolleginnen und Kollegen können jetzt in den Arbeitsgruppen mitarbeiten und an den Terminen teilnehmen.`
          : `die Koordination der Landesinitiative Smart City / Smart Region hat die Mitgliedschaftsanfrage von ${params.organizationName} derzeit nicht angenommen.`,
      },
      ...(params.message
        ? [
            {
              kind: 'facts' as const,
              rows: [[`Nachricht von ${params.decidedBy}`, params.message]] as Array<[string, string]>,
            },
          ]
        : []),
      {
        kind: 'button',
        label: params.approved ? 'Zur Kommune im Portal' : 'Anfrage im Portal ansehen',
        url: params.link,
      },
    ],
    reason:
      'Sie erhalten diese E-Mail, weil Sie im SmartRegion Portal die Mitgliedschaft Ihrer Kommune in der Landesinitiative angefragt haben.',
  }),
  [MailTemplateName.GroupJoinDecided]: (params) => ({
    subject: params.approved
      ? `Sie sind jetzt Mitglied der ${params.groupName}`
      : `Ihre Anfrage zur Mitarbeit in der ${params.groupName}`,
    preview: params.approved ? 'Ihre Anfrage wurde angenommen.' : 'Ihre Anfrage wurde nicht angenommen.',
    blocks: [
      { kind: 'heading', text: `Guten Tag ${params.name},` },
      {
        kind: 'paragraph',
        text: params.approved
          ? `${params.decidedBy} hat Ihre Anfrage angenommen: Sie arbeiten jetzt in der ${params.groupName} mit und sehen ihre Termine, Aufgaben und Protokolle.`
          : `${params.decidedBy} hat Ihre Anfrage zur Mitarbeit in der ${params.groupName} nicht angenommen. Bei Fragen wenden Sie sich bitte an die Sprecherinnen und Sprecher der Gruppe.`,
      },
      { kind: 'button', label: 'Zur Arbeitsgruppe', url: params.link },
    ],
    reason:
      'Sie erhalten diese E-Mail, weil Sie im SmartRegion Portal um Mitarbeit in einer Arbeitsgruppe gebeten haben.',
  }),
};

/** Looks up and renders a template's content; unknown names are a programming error. */
export function buildMailContent(
  template: string,
  params: Record<string, unknown>,
  context: MailTemplateContext,
): MailContent {
  const fn = (MAIL_TEMPLATES as unknown as Record<string, TemplateFn<Record<string, unknown>> | undefined>)[template];
  if (!fn) throw new Error(`Unknown mail template "${template}"`);
  return fn(params, context);
}
