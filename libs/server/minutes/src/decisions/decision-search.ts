import { DomainError } from '@srp/server/platform';

/**
 * The indexed text of a decision: must stay the expression of `IDX_decision_search` in the
 * migration, or PostgreSQL cannot use the index.
 */
export const DECISION_SEARCH_VECTOR = `to_tsvector('german', coalesce(d.agenda_item_title, '') || ' ' || d.text)`;

/**
 * A German full-text query from what someone typed: every word (letters and digits only, so no
 * tsquery syntax gets through) must occur as a prefix of a stemmed word, so that "Förderantrag"
 * finds "Förderanträge". Null: no word.
 */
export function germanPrefixQuery(text: string): string | null {
  const words = (text.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The cursor after a row of the register (newest first: decided_on desc, id desc). */
export function encodeDecisionCursor(decidedOn: string, id: string): string {
  return Buffer.from(JSON.stringify([decidedOn, id])).toString('base64url');
}

/** The row a cursor points after; a 400 with a field error for anything else. */
export function decodeDecisionCursor(cursor: string): { decidedOn: string; id: string } {
  const invalid = () =>
    new DomainError('VALIDATION_FAILED', undefined, [
      { field: 'cursor', code: 'invalid', message: 'Der Seitenverweis ist ungültig. Bitte laden Sie die Liste neu.' },
    ]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 2 ||
    typeof decoded[0] !== 'string' ||
    typeof decoded[1] !== 'string' ||
    !DAY.test(decoded[0]) ||
    !UUID.test(decoded[1])
  ) {
    throw invalid();
  }
  return { decidedOn: decoded[0], id: decoded[1] };
}
