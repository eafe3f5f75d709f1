import { PHONE_PATTERN } from '@srp/contracts';
import { parse } from 'csv-parse/sync';

/** One row of a people import, as read from the file. */
export interface PeopleCsvRow {
  line: number;
  name: string;
  email: string;
  functionTitle: string | null;
  phone: string | null;
  /** German messages for everything wrong with the row; empty when it can be imported. */
  problems: string[];
}

const HEADERS: Record<string, keyof Omit<PeopleCsvRow, 'line' | 'problems'>> = {
  name: 'name',
  'e-mail': 'email',
  email: 'email',
  'e-mail-adresse': 'email',
  funktion: 'functionTitle',
  telefon: 'phone',
};

export const PEOPLE_CSV_MAX_ROWS = 500;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Reads a people list for onboarding: a header row with Name and E-Mail (Funktion and Telefon
 * optional), separated by semicolons or commas as spreadsheet programs write them.
 */
export function parsePeopleCsv(text: string): { rows: PeopleCsvRow[]; error: string | null } {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch {
    return { rows: [], error: 'Die Datei ist keine gültige CSV-Datei (Anführungszeichen prüfen).' };
  }
  const header = (records[0] ?? []).map((h) => HEADERS[h.toLowerCase()] ?? null);
  if (!header.includes('name') || !header.includes('email')) {
    return {
      rows: [],
      error: 'Die erste Zeile muss die Spalten „Name“ und „E-Mail“ enthalten (optional „Funktion“, „Telefon“).',
    };
  }
  if (records.length - 1 > PEOPLE_CSV_MAX_ROWS) {
    return { rows: [], error: `Bitte höchstens ${PEOPLE_CSV_MAX_ROWS} Personen auf einmal importieren.` };
  }
  const seen = new Set<string>();
  const rows = records.slice(1).map((record, index) => {
    const value = (key: string) => {
      const at = header.indexOf(key as never);
      return at >= 0 ? (record[at] ?? '').trim() : '';
    };
    const email = value('email').toLowerCase();
    const row: PeopleCsvRow = {
      line: index + 2,
      name: value('name'),
      email,
      functionTitle: value('functionTitle') || null,
      phone: value('phone') || null,
      problems: [],
    };
    if (!row.name) row.problems.push('Der Name fehlt.');
    if (row.name.length > 200) row.problems.push('Der Name ist länger als 200 Zeichen.');
    if (!EMAIL.test(email) || email.length > 320) row.problems.push('Die E-Mail-Adresse ist ungültig.');
    else if (seen.has(email)) row.problems.push('Die E-Mail-Adresse steht mehrfach in der Datei.');
    if (row.functionTitle && row.functionTitle.length > 200)
      row.problems.push('Die Funktion ist länger als 200 Zeichen.');
    if (row.phone && !PHONE_PATTERN.test(row.phone)) row.problems.push('Die Telefonnummer ist ungültig.');
    seen.add(email);
    return row;
  });
  return { rows, error: null };
}
