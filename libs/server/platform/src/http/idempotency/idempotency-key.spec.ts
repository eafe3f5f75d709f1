import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error';
import { bodyHash, canonicalJson, parseIdempotencyKey } from './idempotency.interceptor';

describe('parseIdempotencyKey', () => {
  it('accepts 1 to 128 printable ASCII characters, a UUID among them', () => {
    expect(parseIdempotencyKey('6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f')).toBe('6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f');
    expect(parseIdempotencyKey('x')).toBe('x');
    expect(parseIdempotencyKey('a b~!')).toBe('a b~!');
    expect(parseIdempotencyKey('k'.repeat(128))).toHaveLength(128);
  });

  it.each([
    ['empty', ''],
    ['129 characters', 'k'.repeat(129)],
    ['an umlaut', 'schlüssel'],
    ['a tab', 'a\tb'],
    ['a newline', 'a\nb'],
    ['DEL', 'a\x7fb'],
  ])('refuses %s with a German 400', (_name, value) => {
    let error: unknown;
    try {
      parseIdempotencyKey(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(400);
    expect((error as DomainError).message).toMatch(/Idempotency-Key muss aus 1 bis 128/);
  });

  it('refuses a header sent twice as a list', () => {
    expect(() => parseIdempotencyKey(['a', 'b'])).toThrow(DomainError);
  });
});

describe('bodyHash', () => {
  it('does not depend on the order of object keys, at any depth', () => {
    const a = { title: 'A', checklist: [{ text: 'x', done: true }], nested: { b: 1, a: 2 } };
    const b = { nested: { a: 2, b: 1 }, checklist: [{ done: true, text: 'x' }], title: 'A' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(bodyHash(a)).toBe(bodyHash(b));
    expect(bodyHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs for different values and for a different order of array items', () => {
    expect(bodyHash({ title: 'A' })).not.toBe(bodyHash({ title: 'B' }));
    expect(bodyHash({ ids: [1, 2] })).not.toBe(bodyHash({ ids: [2, 1] }));
    expect(bodyHash({})).not.toBe(bodyHash(undefined));
  });
});
