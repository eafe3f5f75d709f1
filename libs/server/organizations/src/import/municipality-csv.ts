import { AGS_PATTERN, OrganizationKind } from '@srp/contracts';
import { parse } from 'csv-parse/sync';

/** One municipality of the reference file, normalised. */
export interface MunicipalityRecord {
  ags: string;
  officialName: string;
  displayName: string;
  kind: OrganizationKind;
  districtKey: string;
  districtName: string;
}

export interface MunicipalityCsvResult {
  records: MunicipalityRecord[];
  errors: Array<{ line: number; message: string }>;
}

/** Official suffixes that make a municipality a town (Stadt); "Flecken" and none are a Gemeinde. */
const TOWN_SUFFIXES = new Set([
  'Stadt',
  'Hansestadt',
  'Landeshauptstadt',
  'Lutherstadt',
  'Goethestadt',
  'Solestadt',
  'Welterbestadt',
]);

/** "Halle (Saale), Stadt" → "Halle (Saale)"; names without an official suffix stay as they are. */
export function displayNameOf(officialName: string): string {
  const comma = officialName.lastIndexOf(', ');
  return comma > 0 ? officialName.slice(0, comma).trim() : officialName.trim();
}

/** Stadt for the official town suffixes, Gemeinde otherwise. */
export function kindOf(officialName: string): OrganizationKind {
  const comma = officialName.lastIndexOf(', ');
  const suffix = comma > 0 ? officialName.slice(comma + 2).trim() : '';
  return TOWN_SUFFIXES.has(suffix) ? 'city' : 'municipality';
}

/**
 * Parses the reference CSV (`ags,name,kreis_ags,kreis_name`, UTF-8, optional BOM). Rows with an
 * invalid key, a district key that is not the key's prefix or a duplicate key are reported, not loaded.
 */
export function parseMunicipalityCsv(text: string): MunicipalityCsvResult {
  const rows: string[][] = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  const errors: MunicipalityCsvResult['errors'] = [];
  const header = rows[0]?.map((h) => h.toLowerCase());
  const expected = ['ags', 'name', 'kreis_ags', 'kreis_name'];
  if (!header || expected.some((h, i) => header[i] !== h)) {
    return { records: [], errors: [{ line: 1, message: `Expected the header ${expected.join(',')}` }] };
  }
  const seen = new Set<string>();
  const records: MunicipalityRecord[] = [];
  rows.slice(1).forEach((row, index) => {
    const line = index + 2;
    const [ags = '', name = '', districtKey = '', districtName = ''] = row;
    if (!AGS_PATTERN.test(ags)) return errors.push({ line, message: `"${ags}" is not an 8-digit AGS` });
    if (!name) return errors.push({ line, message: 'The name is empty' });
    if (!/^\d{5}$/.test(districtKey) || !ags.startsWith(districtKey)) {
      return errors.push({ line, message: `District key "${districtKey}" does not match AGS ${ags}` });
    }
    if (seen.has(ags)) return errors.push({ line, message: `AGS ${ags} appears twice` });
    seen.add(ags);
    records.push({
      ags,
      officialName: name,
      displayName: displayNameOf(name),
      kind: kindOf(name),
      districtKey,
      districtName,
    });
    return undefined;
  });
  return { records, errors };
}
