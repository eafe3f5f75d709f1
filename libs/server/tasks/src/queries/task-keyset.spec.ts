import { DomainError } from '@srp/server/platform';
import { describe, expect, it } from 'vitest';
import { afterCursor, encodeCursor, keyColumns, orderBy } from './task-keyset';

const ID = '0b4f2a8e-3c1d-4e5f-8a9b-1c2d3e4f5a6b';

describe('task keyset paging', () => {
  it('orders by due date with undated tasks last, then id', () => {
    expect(orderBy('due')).toBe(`COALESCE(t.due_date, 'infinity'::date) ASC, t.id ASC`);
    expect(keyColumns('due')).toContain(`COALESCE(t.due_date, 'infinity'::date)::text AS k0`);
  });

  it('round-trips a cursor into a row comparison with typed parameters', () => {
    const cursor = encodeCursor('due', { k0: '2026-12-01', k1: ID });
    const params: unknown[] = ['group'];
    expect(afterCursor('due', cursor, params)).toBe(
      `(COALESCE(t.due_date, 'infinity'::date), t.id) > ($2::date, $3::uuid)`,
    );
    expect(params).toEqual(['group', '2026-12-01', ID]);
  });

  it('pages newest first with a descending comparison and full timestamp precision', () => {
    const cursor = encodeCursor('updated', { k0: '2026-11-26 14:03:12.123456+00', k1: ID });
    const params: unknown[] = [];
    expect(afterCursor('updated', cursor, params)).toBe(`(t.updated_at, t.id) < ($1::timestamptz, $2::uuid)`);
    expect(params[0]).toBe('2026-11-26 14:03:12.123456+00');
  });

  it('refuses a cursor of another order, a forged one and garbage with a 400', () => {
    const due = encodeCursor('due', { k0: 'infinity', k1: ID });
    const forged = Buffer.from(JSON.stringify(['due', "2026-01-01'; DROP TABLE task; --", ID])).toString('base64url');
    for (const [order, cursor] of [
      ['updated', due],
      ['due', forged],
      ['due', 'not-a-cursor'],
    ] as const) {
      expect(() => afterCursor(order, cursor, [])).toThrowError(DomainError);
    }
  });
});
