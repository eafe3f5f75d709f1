import { MailContent } from './mail-content';

/** Every e-mail the portal sends, by name; the parameters each template needs. */
export enum MailTemplateName {
  TestMail = 'test-mail',
}

export interface MailTemplateParams {
  [MailTemplateName.TestMail]: { requestedAt: string; requestedBy: string };
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
