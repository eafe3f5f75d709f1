/**
 * Neutralises spreadsheet formulas in exported text (CSV injection, OWASP): a cell starting with
 * =, +, -, @, tab or carriage return gets a leading apostrophe, which spreadsheet programs show as text.
 */
export function csvCell(value: string | null | undefined): string {
  const text = value ?? '';
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
