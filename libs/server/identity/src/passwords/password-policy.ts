import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@srp/contracts';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Passwords per OWASP ASVS 5.0 V6.2: at least 8 characters, long ones welcome, no composition
 * rules, and nothing from a list of common and breached passwords or from the context
 * (the person's e-mail and name, the portal's own words).
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  (dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()),
);

const CONTEXT_WORDS = [
  'smartregion',
  'smart region',
  'smartcity',
  'smart city',
  'sachsen-anhalt',
  'sachsenanhalt',
  'landesinitiative',
  'passwort',
  'kennwort',
  'password',
];

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_context';

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `Das Passwort muss mindestens ${PASSWORD_MIN_LENGTH} Zeichen lang sein.`,
  too_long: `Das Passwort darf höchstens ${PASSWORD_MAX_LENGTH} Zeichen lang sein.`,
  common: 'Dieses Passwort ist zu verbreitet oder aus Datenlecks bekannt. Bitte wählen Sie ein anderes.',
  contains_context: 'Das Passwort darf weder Ihren Namen, Ihre E-Mail-Adresse noch den Namen des Portals enthalten.',
};

export interface PasswordContext {
  email?: string;
  name?: string;
}

/** The problems of a proposed password; empty when it is acceptable. */
export function checkPassword(password: string, context: PasswordContext = {}): PasswordProblem[] {
  // Length in characters (code points), not UTF-16 units: "ä" and emoji count once.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return ['too_short'];
  if (length > PASSWORD_MAX_LENGTH) return ['too_long'];
  const problems: PasswordProblem[] = [];
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(lower.replace(/[\d!.?]+$/, ''))) {
    problems.push('common');
  }
  const contextWords = [
    ...CONTEXT_WORDS,
    ...(context.email ? [context.email.split('@')[0]] : []),
    ...(context.name ? context.name.split(/\s+/) : []),
  ]
    .map((w) => w.toLowerCase().trim())
    .filter((w) => w.length >= 4);
  if (contextWords.some((word) => lower.includes(word))) problems.push('contains_context');
  return problems;
}
