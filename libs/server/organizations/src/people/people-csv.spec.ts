import { describe, expect, it } from 'vitest';
import { parsePeopleCsv } from './people-csv';

describe('parsePeopleCsv', () => {
  it('reads a semicolon file from a German spreadsheet with BOM, in any column order', () => {
    const { rows, error } = parsePeopleCsv(
      '\uFEFFE-Mail;Name;Funktion;Telefon\r\nERIKA@halle.de;Erika Muster;Digitalisierung;0345 221-0\r\n',
    );
    expect(error).toBeNull();
    expect(rows).toEqual([
      {
        line: 2,
        name: 'Erika Muster',
        email: 'erika@halle.de',
        functionTitle: 'Digitalisierung',
        phone: '0345 221-0',
        problems: [],
      },
    ]);
  });

  it('reads commas and quoted fields', () => {
    const { rows } = parsePeopleCsv('name,email\n"Muster, Max",max@example.org\n');
    expect(rows[0]).toMatchObject({ name: 'Muster, Max', email: 'max@example.org' });
  });

  it('reports every problem per row by line', () => {
    const { rows } = parsePeopleCsv('Name;E-Mail;Telefon\n;kein-mail;abc\nA;a@example.org;\nB;a@example.org;\n');
    expect(rows.map((r) => [r.line, r.problems.length])).toEqual([
      [2, 3],
      [3, 0],
      [4, 1],
    ]);
    expect(rows[2].problems[0]).toContain('mehrfach');
  });

  it('refuses a file without the Name and E-Mail columns', () => {
    expect(parsePeopleCsv('Vorname;Nachname\nA;B\n').error).toContain('„Name“ und „E-Mail“');
  });
});
