import { TaskSort } from '@srp/contracts';
import { DomainError } from '@srp/server/platform';

/** The list orders: the api's sorts plus the archive (most recently archived first). */
export type KeysetOrder = TaskSort | 'archived';

interface KeyPart {
  /** SQL expression over `task t`; the indexes in the migration use the same expressions. */
  sql: string;
  /** Cast for the cursor's value. */
  cast: 'date' | 'int' | 'timestamptz' | 'uuid';
}

const DUE = { sql: `COALESCE(t.due_date, 'infinity'::date)`, cast: 'date' } as const;
const ID = { sql: 't.id', cast: 'uuid' } as const;

const ORDERS: Record<KeysetOrder, { parts: KeyPart[]; descending: boolean }> = {
  due: { parts: [DUE, ID], descending: false },
  priority: { parts: [{ sql: '(-t.priority)', cast: 'int' }, DUE, ID], descending: false },
  updated: { parts: [{ sql: 't.updated_at', cast: 'timestamptz' }, ID], descending: true },
  created: { parts: [{ sql: 't.created_at', cast: 'timestamptz' }, ID], descending: true },
  archived: { parts: [{ sql: 't.archived_at', cast: 'timestamptz' }, ID], descending: true },
};

const VALUE_PATTERNS: Record<KeyPart['cast'], RegExp> = {
  date: /^(\d{4}-\d{2}-\d{2}|infinity)$/,
  int: /^-?\d{1,2}$/,
  timestamptz: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
};

/** SELECT columns carrying the sort key of each row as text (full precision, unlike JS dates). */
export function keyColumns(order: KeysetOrder): string {
  return ORDERS[order].parts.map((p, i) => `${p.sql}::text AS k${i}`).join(', ');
}

/** ORDER BY clause for the order. */
export function orderBy(order: KeysetOrder): string {
  const { parts, descending } = ORDERS[order];
  return parts.map((p) => `${p.sql} ${descending ? 'DESC' : 'ASC'}`).join(', ');
}

/**
 * The row-value comparison that starts after the cursor, with its parameters appended to `params`
 * (so `$n` numbering continues).
 */
export function afterCursor(order: KeysetOrder, cursor: string, params: unknown[]): string {
  const { parts, descending } = ORDERS[order];
  const values = decodeCursor(order, cursor);
  const placeholders = parts.map((p, i) => {
    params.push(values[i]);
    return `$${params.length}::${p.cast}`;
  });
  return `(${parts.map((p) => p.sql).join(', ')}) ${descending ? '<' : '>'} (${placeholders.join(', ')})`;
}

/** The cursor for the page after a row (from its k0, k1, … columns). */
export function encodeCursor(order: KeysetOrder, row: Record<string, unknown>): string {
  const values = ORDERS[order].parts.map((_, i) => String(row[`k${i}`]));
  return Buffer.from(JSON.stringify([order, ...values])).toString('base64url');
}

function decodeCursor(order: KeysetOrder, cursor: string): string[] {
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
  const { parts } = ORDERS[order];
  if (!Array.isArray(decoded) || decoded.length !== parts.length + 1 || decoded[0] !== order) throw invalid();
  const values = decoded.slice(1);
  if (!values.every((v, i) => typeof v === 'string' && VALUE_PATTERNS[parts[i].cast].test(v))) throw invalid();
  return values as string[];
}
