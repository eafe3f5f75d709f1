import { describe, expect, it } from 'vitest';
import { escapeHtml, renderMail } from './mail-renderer';
import { buildMailContent, formatBerlinDateTime, MailTemplateName } from './mail-templates';
import { isPermanentMailError } from './mail-transport';

describe('mail rendering from one template source', () => {
  const content = buildMailContent(
    MailTemplateName.TestMail,
    { requestedAt: '2026-11-26T13:05:00Z', requestedBy: 'Erika <script>alert(1)</script> Muster' },
    { portalUrl: 'https://portal.example.org' },
  );
  const mail = renderMail(content, 'https://portal.example.org');

  it('puts the same facts in the HTML and the plain-text part', () => {
    expect(mail.subject).toBe('Test-E-Mail des SmartRegion Portals');
    for (const part of [mail.html, mail.text]) {
      expect(part).toContain('Der E-Mail-Versand funktioniert');
      expect(part).toContain('26.11.2026, 14:05');
      expect(part).toContain('https://portal.example.org');
    }
    expect(mail.text).toContain('Portal öffnen: https://portal.example.org');
  });

  it('escapes every value in HTML', () => {
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Erika &lt;script&gt;alert(1)&lt;/script&gt; Muster');
    expect(escapeHtml(`"'&<>`)).toBe('&quot;&#39;&amp;&lt;&gt;');
  });

  it('never links to a non-http URL', () => {
    const html = renderMail(
      { subject: 's', preview: 'p', reason: 'r', blocks: [{ kind: 'button', label: 'x', url: 'javascript:alert(1)' }] },
      'https://portal.example.org',
    ).html;
    expect(html).not.toContain('javascript:');
  });

  it('is German and declares its language', () => {
    expect(mail.html).toContain('<html lang="de">');
    expect(mail.text).toContain('Sie erhalten diese E-Mail, weil');
  });

  it('formats instants in Europe/Berlin across daylight saving time', () => {
    expect(formatBerlinDateTime('2026-03-29T00:30:00Z')).toBe('29.03.2026, 01:30');
    expect(formatBerlinDateTime('2026-03-29T01:30:00Z')).toBe('29.03.2026, 03:30');
    expect(formatBerlinDateTime('2026-10-25T00:30:00Z')).toBe('25.10.2026, 02:30');
    expect(formatBerlinDateTime('2026-10-25T01:30:00Z')).toBe('25.10.2026, 02:30');
  });

  it('renders footer links after the reason in both parts, escaped and only to http(s)', () => {
    const rendered = renderMail(
      {
        subject: 's',
        preview: 'p',
        blocks: [{ kind: 'paragraph', text: 'Inhalt' }],
        reason: 'Warum erhalte ich diese E-Mail? Weil.',
        footerLinks: [
          {
            label: 'Benachrichtigungen zu „Fällige Aufgaben“ ändern <oder> abbestellen',
            url: 'https://portal.example.org/p?t=a&b',
          },
          { label: 'Böser Link', url: 'javascript:alert(1)' },
        ],
      },
      'https://portal.example.org',
    );
    const footer = rendered.html.slice(rendered.html.indexOf('Warum erhalte ich'));
    expect(footer).toContain(
      '<a href="https://portal.example.org/p?t=a&amp;b" style="color:#005cbb;text-decoration:underline">Benachrichtigungen zu „Fällige Aufgaben“ ändern &lt;oder&gt; abbestellen</a>',
    );
    expect(footer).toContain('<a href="#" style="color:#005cbb;text-decoration:underline">Böser Link</a>');
    expect(footer.indexOf('abbestellen')).toBeLessThan(footer.indexOf('Landesinitiative Smart City'));
    expect(rendered.html).not.toContain('javascript:');
    const tail = rendered.text.slice(rendered.text.indexOf('Warum erhalte ich'));
    expect(tail).toBe(
      [
        'Warum erhalte ich diese E-Mail? Weil.',
        'Benachrichtigungen zu „Fällige Aufgaben“ ändern <oder> abbestellen: https://portal.example.org/p?t=a&b\nBöser Link: javascript:alert(1)',
        'Landesinitiative Smart City / Smart Region Sachsen-Anhalt · https://portal.example.org\n',
      ].join('\n\n'),
    );
  });

  it('leaves the footer as it was without footer links', () => {
    expect(mail.html).not.toContain('text-decoration:underline');
    expect(mail.text).toMatch(/an Ihre Adresse angefordert hat\.\n\nLandesinitiative Smart City/);
  });

  it('renders section headings one level below the title', () => {
    const rendered = renderMail(
      {
        subject: 's',
        preview: 'p',
        reason: 'r',
        blocks: [
          { kind: 'heading', text: 'Titel' },
          { kind: 'heading', text: 'Abschnitt', level: 2 },
        ],
      },
      'https://portal.example.org',
    );
    expect(rendered.html).toMatch(/<h1 [^>]*>Titel<\/h1>/);
    expect(rendered.html).toMatch(/<h2 [^>]*>Abschnitt<\/h2>/);
    expect(rendered.text).toContain('Titel\n=====\n\nAbschnitt\n---------');
  });

  it('rejects unknown templates', () => {
    expect(() => buildMailContent('nope', {}, { portalUrl: 'https://x' })).toThrow(/Unknown mail template/);
  });
});

describe('isPermanentMailError', () => {
  it('treats 5xx as permanent and 4xx or connection errors as temporary', () => {
    expect(isPermanentMailError(Object.assign(new Error('x'), { responseCode: 550 }))).toBe(true);
    expect(isPermanentMailError(Object.assign(new Error('x'), { responseCode: 451 }))).toBe(false);
    expect(isPermanentMailError(Object.assign(new Error('x'), { code: 'ECONNECTION' }))).toBe(false);
  });
});

describe('decision e-mails (membership, group join)', () => {
  const context = { portalUrl: 'https://portal.example.org' };

  it('welcomes an approved municipality and quotes the coordinators’ message in both parts', () => {
    const mail = renderMail(
      buildMailContent(
        MailTemplateName.MembershipDecided,
        {
          name: 'Erika Muster',
          organizationName: 'Halle (Saale)',
          approved: true,
          message: 'Herzlich willkommen!',
          decidedBy: 'Koordination SALEG',
          link: 'https://portal.example.org/kommunen/1',
        },
        context,
      ),
      context.portalUrl,
    );
    expect(mail.subject).toBe('Willkommen: Halle (Saale) ist Mitglied der Landesinitiative');
    for (const part of [mail.html, mail.text]) {
      expect(part).toContain('Herzlich willkommen!');
      expect(part).toContain('https://portal.example.org/kommunen/1');
    }
  });

  it('tells a declined requester without calling it a welcome', () => {
    const content = buildMailContent(
      MailTemplateName.MembershipDecided,
      {
        name: 'Erika Muster',
        organizationName: 'Halle (Saale)',
        approved: false,
        message: 'Bitte Ratsbeschluss nachreichen.',
        decidedBy: 'Koordination',
        link: 'https://portal.example.org/kommunen/1',
      },
      context,
    );
    expect(content.subject).toBe('Ihre Mitgliedschaftsanfrage für Halle (Saale)');
    expect(JSON.stringify(content.blocks)).not.toContain('Willkommen');
  });

  it('names the group in a join decision', () => {
    const content = buildMailContent(
      MailTemplateName.GroupJoinDecided,
      {
        name: 'Max',
        groupName: 'UAG 3 „Digitaler Zwilling“',
        approved: true,
        decidedBy: 'Erika Muster',
        link: 'https://portal.example.org/arbeitsgruppen/3',
      },
      context,
    );
    expect(content.subject).toBe('Sie sind jetzt Mitglied der UAG 3 „Digitaler Zwilling“');
  });
});
