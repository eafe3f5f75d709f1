import { describe, expect, it } from 'vitest';
import { fileSlug } from './task-queries.service';

describe('fileSlug', () => {
  it('spells umlauts out and joins words with dashes', () => {
    expect(fileSlug('Bürger-Apps')).toBe('buerger-apps');
    expect(fileSlug('Daten & Sensorik')).toBe('daten-sensorik');
    expect(fileSlug('Straße für Élan')).toBe('strasse-fuer-elan');
    expect(fileSlug('***')).toBe('gruppe');
  });
});
