import { resolve } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { type MinutesDocument, minutesToMarkdown, minutesToPdf } from './index';
import { parseInline, toWinAnsi } from './pdf-text';

// pdfjs wants the standard font data for Helvetica; without it it only warns, but the warning hides real ones.
const standardFontDataUrl = `${resolve('node_modules/pdfjs-dist/standard_fonts')}/`;

const CONFIDENTIAL = 'Personalkosten der Stelle Digitallotse prüfen (Haushaltsvorbehalt)';
const LONG_NOTES = Array.from(
  { length: 70 },
  (_, index) =>
    `Absatz ${index + 1}: Die Kommunen berichten über den Stand der Umsetzung, die Förderung und offene Fragen zur Datenplattform.`,
).join('\n\n');

function monthlyMeeting(overrides: Partial<MinutesDocument> = {}): MinutesDocument {
  return {
    initiative: 'Landesinitiative Smart City / Smart Region Sachsen-Anhalt',
    meetingTitle: 'Monatsrunde Januar 2026',
    kindLabel: 'Monatsrunde',
    // 10:00–11:30 in Berlin (UTC+1 in January).
    startsAt: new Date('2026-01-14T09:00:00Z'),
    endsAt: new Date('2026-01-14T10:30:00Z'),
    place: 'Online',
    organizer: 'Koordinierungsstelle (SALEG)',
    hostGroup: null,
    revision: 2,
    releasedAt: new Date('2026-01-16T13:30:00Z'),
    releasedBy: 'Dr. Anna Schmidt',
    status: 'released',
    attendance: [
      { name: 'Bürgermeisterin Müßig', organization: 'Stadt Görzig', status: 'present', mode: 'on_site' },
      { name: 'Jörg Weiß', organization: 'Landkreis Harz', status: 'present', mode: 'online', deputyFor: 'Petra Kühn' },
      { name: 'Max | Mustermann', organization: 'Gemeinde A|B', status: 'excused' },
      { name: 'Lena Obermüller', organization: null, status: 'absent' },
    ],
    items: [
      {
        number: 1,
        title: 'Begrüßung und Protokollkontrolle',
        presenter: 'Dr. Anna Schmidt',
        notes: 'Die Tagesordnung wird **ohne Änderungen** angenommen.\n\n- Protokoll Dezember: keine Einwände',
        entries: [
          { kind: 'information', text: 'Das Protokoll der Dezemberrunde ist freigegeben.', confidential: false },
        ],
      },
      {
        number: 2,
        title: 'Bericht der UAG 2 „Daten & Plattformen“',
        presenter: 'Jörg Weiß',
        notes: LONG_NOTES,
        entries: [
          {
            kind: 'decision',
            text: 'Die Initiative beschließt die gemeinsame Open-Data-Strategie für 2026.',
            confidential: false,
          },
          {
            kind: 'action_item',
            text: 'Entwurf der Datenschutz-Folgenabschätzung an alle Kommunen versenden',
            confidential: false,
            assignees: ['Jörg Weiß', 'Bürgermeisterin Müßig'],
            dueDate: '2026-01-31',
            group: 'UAG 2',
            taskDone: true,
          },
          {
            kind: 'action_item',
            text: CONFIDENTIAL,
            confidential: true,
            assignees: ['Lena Obermüller'],
            dueDate: '2026-02-15',
            group: null,
            taskDone: false,
          },
        ],
      },
      { number: 3, title: 'Verschiedenes', presenter: null, notes: '', entries: [] },
    ],
    pageUrl: 'https://portal.example.org/protokolle/42',
    ...overrides,
  };
}

/** Reads the PDF back and returns each page's text with whitespace collapsed. */
async function pdfPages(buffer: Buffer): Promise<{ pages: string[]; info: Record<string, unknown> }> {
  const pdf = await getDocument({ data: new Uint8Array(buffer), standardFontDataUrl }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
    pages.push(text.replace(/\s+/g, ' '));
  }
  const { info } = await pdf.getMetadata();
  await pdf.destroy();
  return { pages, info: info as Record<string, unknown> };
}

describe('minutesToPdf', () => {
  it('writes all content of the minutes, readable back from every page', async () => {
    const { pages, info } = await pdfPages(await minutesToPdf(monthlyMeeting(), { includeConfidential: false }));
    const all = pages.join(' ');

    // The long notes of TOP 2 cannot fit on one page; every page carries header and footer.
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, index) => {
      expect(page).toContain('Landesinitiative Smart City / Smart Region Sachsen-Anhalt');
      expect(page).toContain(`Seite ${index + 1} von ${pages.length}`);
      expect(page).toContain('Fassung 2 · freigegeben am 16.01.2026');
    });
    expect(pages[0]).toContain('Monatsrunde Januar 2026');
    expect(pages[0]).toContain('Mittwoch, 14. Januar 2026, 10:00–11:30 Uhr');
    expect(pages[0]).toContain('freigegeben am 16.01.2026 um 14:30 Uhr durch Dr. Anna Schmidt');
    expect(all).toContain('Bürgermeisterin Müßig');
    expect(all).toContain('Jörg Weiß (in Vertretung für Petra Kühn)');
    expect(all).toContain('Bericht der UAG 2 „Daten & Plattformen“');
    expect(all).toContain('Absatz 70: Die Kommunen berichten');
    expect(all).toContain('Beschluss: Die Initiative beschließt die gemeinsame Open-Data-Strategie für 2026.');
    expect(all).toContain('Aufgabe: Entwurf der Datenschutz-Folgenabschätzung an alle Kommunen versenden');
    expect(all).toContain(
      'verantwortlich: Jörg Weiß, Bürgermeisterin Müßig · fällig: 31.01.2026 · Gruppe: UAG 2 · erledigt',
    );
    // Inline Markdown is rendered, not printed.
    expect(all).toContain('ohne Änderungen');
    expect(all).not.toContain('**');
    // The summaries come after the items.
    expect(all.lastIndexOf('Beschlüsse')).toBeGreaterThan(all.indexOf('Absatz 70'));
    expect(all.lastIndexOf('Aufgaben')).toBeGreaterThan(all.lastIndexOf('Beschlüsse'));

    expect(info['Title']).toBe('Protokoll: Monatsrunde Januar 2026');
    expect(info['Author']).toBe('SmartRegion Portal');
    expect(info['Language']).toBe('de-DE');
  });

  it('leaves confidential entries out unless asked to include them', async () => {
    const without = (await pdfPages(await minutesToPdf(monthlyMeeting(), { includeConfidential: false }))).pages.join(
      ' ',
    );
    expect(without).not.toContain('Personalkosten');
    expect(without).not.toContain('Lena Obermüller · fällig');
    expect(without).not.toContain('vertraulich');

    const withConfidential = (
      await pdfPages(await minutesToPdf(monthlyMeeting(), { includeConfidential: true }))
    ).pages.join(' ');
    expect(withConfidential).toContain(`Aufgabe (vertraulich): ${CONFIDENTIAL}`);
    expect(withConfidential).toContain('verantwortlich: Lena Obermüller · fällig: 15.02.2026 · offen');
  });

  it('marks unreleased minutes on every page', async () => {
    const draft = monthlyMeeting({ status: 'in_review', releasedAt: null, releasedBy: null });
    const { pages } = await pdfPages(await minutesToPdf(draft, { includeConfidential: false }));
    for (const page of pages) {
      expect(page).toContain('In Abstimmung, nicht freigegeben');
      expect(page).not.toContain('freigegeben am');
    }
  });

  it('survives characters the built-in font cannot show', async () => {
    const doc = monthlyMeeting({
      meetingTitle: 'Workshop Łódź → Magdeburg 🚀 智慧城市',
      items: [
        {
          number: 1,
          title: 'Čestmír ‑ Ergebnisse',
          presenter: null,
          notes: 'Kosten: 5 €\u202fje Kommune',
          entries: [],
        },
      ],
    });
    const { pages } = await pdfPages(await minutesToPdf(doc, { includeConfidential: false }));
    const all = pages.join(' ');
    // "ó" and "í" exist in WinAnsi, "ź" and "Č" lose their accent, the rest has no close form.
    expect(all).toContain('Workshop Lódz -> Magdeburg ? ????');
    expect(all).toContain('Cestmír - Ergebnisse');
    expect(all).toContain('Kosten: 5 € je Kommune');
  });

  it('continues a long attendance table on the next page with its header row', async () => {
    const attendance = Array.from({ length: 80 }, (_, index) => ({
      name: `Teilnehmerin ${index + 1}`,
      organization: 'Verbandsgemeinde Südliches Anhalt',
      status: 'present' as const,
      mode: 'online' as const,
    }));
    const { pages } = await pdfPages(
      await minutesToPdf(monthlyMeeting({ attendance }), { includeConfidential: false }),
    );
    const header = 'Name Organisation Status Teilnahme';
    expect(pages[0]).toContain(header);
    // Header and footer are drawn last, so the page's text starts with the repeated table header.
    expect(pages[1]).toMatch(new RegExp(`^${header} Teilnehmerin \\d+ `));
    expect(pages.join(' ')).toContain('Teilnehmerin 80 Verbandsgemeinde Südliches Anhalt anwesend online');
    expect(pages.join(' ')).toContain('80 anwesend, 0 entschuldigt, 0 abwesend.');
  });

  it('produces the same bytes for the same version', async () => {
    const first = await minutesToPdf(monthlyMeeting(), { includeConfidential: false });
    const second = await minutesToPdf(monthlyMeeting(), { includeConfidential: false });
    expect(first.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(first.equals(second)).toBe(true);
  });
});

describe('minutesToMarkdown', () => {
  const markdown = minutesToMarkdown(monthlyMeeting(), { includeConfidential: false });
  const lines = markdown.split('\n');

  it('has the German outline and meta list', () => {
    expect(lines.filter((line) => line.startsWith('#'))).toEqual([
      '# Protokoll: Monatsrunde Januar 2026',
      '## Anwesenheit',
      '## Tagesordnung',
      '## TOP 1: Begrüßung und Protokollkontrolle',
      '## TOP 2: Bericht der UAG 2 „Daten & Plattformen“',
      '## TOP 3: Verschiedenes',
      '## Beschlüsse',
      '## Aufgaben',
    ]);
    expect(markdown).toContain('- **Datum:** Mittwoch, 14. Januar 2026, 10:00–11:30 Uhr\n- **Ort:** Online\n');
    expect(markdown).toContain('- **Organisation:** Koordinierungsstelle (SALEG)\n');
    expect(markdown).toContain('- **Fassung:** 2, freigegeben am 16.01.2026 um 14:30 Uhr durch Dr. Anna Schmidt\n');
    expect(markdown).toContain('- **Online:** <https://portal.example.org/protokolle/42>\n');
    expect(markdown).toContain(
      '- TOP 1: Begrüßung und Protokollkontrolle (Dr. Anna Schmidt)\n- TOP 2: Bericht der UAG 2 „Daten & Plattformen“ (Jörg Weiß)\n- TOP 3: Verschiedenes\n',
    );
    expect(markdown.endsWith('\n')).toBe(true);
    expect(markdown.endsWith('\n\n')).toBe(false);
  });

  it('renders attendance as a table whose rows survive pipes in names', () => {
    const table = lines.filter((line) => line.startsWith('|'));
    expect(table.slice(0, 6)).toEqual([
      '| Name | Organisation | Status | Teilnahme |',
      '| --- | --- | --- | --- |',
      '| Bürgermeisterin Müßig | Stadt Görzig | anwesend | vor Ort |',
      '| Jörg Weiß (in Vertretung für Petra Kühn) | Landkreis Harz | anwesend | online |',
      '| Max \\| Mustermann | Gemeinde A\\|B | entschuldigt | – |',
      '| Lena Obermüller | – | abwesend | – |',
    ]);
    // Every row has exactly the header's four cells once escaped pipes are discounted.
    for (const row of table.slice(0, 6)) {
      expect(row.replace(/\\\|/g, '').split('|').length - 2).toBe(4);
    }
    expect(markdown).toContain('2 anwesend, 1 entschuldigt, 1 abwesend.');
  });

  it('writes entries with bold labels and summaries', () => {
    expect(markdown).toContain('**Information:** Das Protokoll der Dezemberrunde ist freigegeben.');
    expect(markdown).toContain('**Beschluss:** Die Initiative beschließt die gemeinsame Open-Data-Strategie für 2026.');
    expect(markdown).toContain(
      '**Aufgabe:** Entwurf der Datenschutz-Folgenabschätzung an alle Kommunen versenden — verantwortlich: Jörg Weiß, Bürgermeisterin Müßig; fällig: 31.01.2026; Gruppe: UAG 2 (erledigt)',
    );
    expect(markdown).toContain(
      '## Beschlüsse\n\n- TOP 2: Die Initiative beschließt die gemeinsame Open-Data-Strategie für 2026.\n',
    );
    expect(markdown).toContain(
      '## Aufgaben\n\n| TOP | Aufgabe | Verantwortlich | Fällig | Gruppe | Status |\n| --- | --- | --- | --- | --- | --- |\n' +
        '| 2 | Entwurf der Datenschutz-Folgenabschätzung an alle Kommunen versenden | Jörg Weiß, Bürgermeisterin Müßig | 31.01.2026 | UAG 2 | erledigt |\n',
    );
    expect(markdown).toContain(
      'Die Tagesordnung wird **ohne Änderungen** angenommen.\n\n- Protokoll Dezember: keine Einwände',
    );
  });

  it('includes confidential entries only on request, marked as such', () => {
    expect(markdown).not.toContain('Personalkosten');
    expect(markdown).not.toContain('| Lena Obermüller | 15.02.2026');
    const full = minutesToMarkdown(monthlyMeeting(), { includeConfidential: true });
    expect(full).toContain(
      `**Aufgabe (vertraulich):** ${CONFIDENTIAL} — verantwortlich: Lena Obermüller; fällig: 15.02.2026`,
    );
    expect(full).toContain(`| 2 | ${CONFIDENTIAL} (vertraulich) | Lena Obermüller | 15.02.2026 | – | offen |`);
  });

  it('keeps user text from breaking the outline', () => {
    const doc = monthlyMeeting({
      meetingTitle: 'Runde #3 ###',
      items: [
        {
          number: 1,
          title: 'Haushalt',
          presenter: null,
          notes: '# Überschrift\nText\n===\n<!-- offen\n```\nnie geschlossen',
          entries: [{ kind: 'decision', text: 'Erster Satz\n# kein Titel\n\n2026. Jahr', confidential: false }],
        },
      ],
    });
    const md = minutesToMarkdown(doc, { includeConfidential: false });
    expect(md).toContain('# Protokoll: Runde \\#3 \\#\\#\\#\n');
    expect(md).toContain('### Überschrift\nText\n\\===\n\\<!-- offen\n```\nnie geschlossen\n```\n');
    expect(md).toContain('**Beschluss:** Erster Satz  \n\\# kein Titel  \n2026\\. Jahr');
    // The summaries still follow as real headings after the unclosed fence was closed.
    expect(md).toMatch(/\n```\n\n\*\*Beschluss:\*\*[^]*\n## Beschlüsse\n/);
  });

  it('states when minutes are not released', () => {
    const md = minutesToMarkdown(monthlyMeeting({ status: 'draft', releasedAt: null }), { includeConfidential: false });
    expect(md).toContain('- **Fassung:** 2 (Entwurf, nicht freigegeben)\n');
  });
});

describe('PDF text helpers', () => {
  it('maps text onto WinAnsi', () => {
    expect(toWinAnsi('Müßig € „gut“ – Łukasz → ✓ 🚀')).toBe('Müßig € „gut“ – Lukasz -> x ?');
    expect(toWinAnsi('a\tb\u00adc\r\nd')).toBe('a bc\nd');
  });

  it('parses light inline Markdown', () => {
    expect(parseInline('Die **Frist** ist *knapp*, siehe `docs` und [Portal](https://x.example) \\*kein\\*')).toEqual([
      { text: 'Die ', style: 'regular' },
      { text: 'Frist', style: 'bold' },
      { text: ' ist ', style: 'regular' },
      { text: 'knapp', style: 'italic' },
      { text: ', siehe ', style: 'regular' },
      { text: 'docs', style: 'code' },
      { text: ' und Portal (https://x.example) *kein*', style: 'regular' },
    ]);
  });
});
