import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { displayNameOf, kindOf, parseMunicipalityCsv } from './municipality-csv';

describe('municipality reference CSV', () => {
  it('reads all 218 municipalities of the shipped file with 14 districts and no errors', () => {
    const { records, errors } = parseMunicipalityCsv(
      readFileSync('data/reference/sachsen-anhalt-gemeinden.csv', 'utf8'),
    );
    expect(errors).toEqual([]);
    expect(records).toHaveLength(218);
    expect(new Set(records.map((r) => r.districtKey)).size).toBe(14);
    expect(records.find((r) => r.ags === '15002000')).toEqual({
      ags: '15002000',
      officialName: 'Halle (Saale), Stadt',
      displayName: 'Halle (Saale)',
      kind: 'city',
      districtKey: '15002',
      districtName: 'Halle (Saale)',
    });
  });

  it('derives display name and kind from the official suffix', () => {
    expect(displayNameOf('Magdeburg, Landeshauptstadt')).toBe('Magdeburg');
    expect(kindOf('Magdeburg, Landeshauptstadt')).toBe('city');
    expect(kindOf('Apenburg-Winterfeld, Flecken')).toBe('municipality');
    expect(displayNameOf('Beetzendorf')).toBe('Beetzendorf');
    expect(kindOf('Beetzendorf')).toBe('municipality');
  });

  it('reports bad keys, mismatched districts and duplicates by line, and keeps the good rows', () => {
    const csv = [
      '\uFEFFags,name,kreis_ags,kreis_name',
      '15001000,"Dessau-Roßlau, Stadt",15001,Dessau-Roßlau',
      '1500100,Kurz,15001,Dessau-Roßlau',
      '15002000,Halle,15003,Magdeburg',
      '15001000,Doppelt,15001,Dessau-Roßlau',
    ].join('\r\n');
    const { records, errors } = parseMunicipalityCsv(csv);
    expect(records.map((r) => r.ags)).toEqual(['15001000']);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5]);
  });

  it('refuses a file with another header', () => {
    expect(parseMunicipalityCsv('key,title\n1,2\n').errors[0]).toMatchObject({ line: 1 });
  });
});
