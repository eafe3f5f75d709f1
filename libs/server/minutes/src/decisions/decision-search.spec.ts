import { describe, expect, it } from 'vitest';
import { decodeDecisionCursor, encodeDecisionCursor, germanPrefixQuery } from './decision-search';

describe('germanPrefixQuery', () => {
  it('makes every word a prefix and lets no tsquery syntax through', () => {
    expect(germanPrefixQuery('Förderantrag Sensorik')).toBe('Förderantrag:* & Sensorik:*');
    expect(germanPrefixQuery(`a' | !b & (c:*) <-> d`)).toBe('a:* & b:* & c:* & d:*');
    expect(germanPrefixQuery(' & | ! ')).toBeNull();
  });
});

describe('decision cursor', () => {
  it('round-trips and refuses anything else with a field error', () => {
    const id = '0f0e0d0c-0b0a-4909-8807-060504030201';
    expect(decodeDecisionCursor(encodeDecisionCursor('2026-01-14', id))).toEqual({ decidedOn: '2026-01-14', id });
    for (const bad of [
      'kaputt',
      Buffer.from('["2026-01-14"]').toString('base64url'),
      Buffer.from(`["x","${id}"]`).toString('base64url'),
    ]) {
      expect(() => decodeDecisionCursor(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });
});
