import { describe, expect, it } from 'vitest';
import { parseLegalText } from './legal-content.service';

describe('parseLegalText', () => {
  it('takes the title from a leading "# " line and joins wrapped lines into paragraphs', () => {
    const page = parseLegalText(
      'impressum',
      '# Impressum der SALEG\n\nErste Zeile\nzweite Zeile.\n\n\nZweiter Absatz.\n',
    );
    expect(page).toEqual({
      page: 'impressum',
      title: 'Impressum der SALEG',
      paragraphs: ['Erste Zeile zweite Zeile.', 'Zweiter Absatz.'],
    });
  });

  it('falls back to the default title and keeps markup as plain text', () => {
    const page = parseLegalText('datenschutz', '<b>fett</b>\r\n\r\nText');
    expect(page.title).toBe('Datenschutzerklärung');
    expect(page.paragraphs).toEqual(['<b>fett</b>', 'Text']);
  });
});
