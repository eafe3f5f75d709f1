import { describe, expect, it } from 'vitest';
import { germanPrefixQuery, priorityName, priorityRank } from './task-rows';

describe('germanPrefixQuery', () => {
  it('asks for every word as a prefix', () => {
    expect(germanPrefixQuery('Förderantrag Sensorik')).toBe('Förderantrag:* & Sensorik:*');
  });

  it('lets no tsquery syntax through', () => {
    expect(germanPrefixQuery(`a' | !b & (c:*) <-> d`)).toBe('a:* & b:* & c:* & d:*');
    expect(germanPrefixQuery(' & | ! ')).toBeNull();
  });
});

describe('priorities', () => {
  it('maps names to ranks and back', () => {
    expect(priorityRank('urgent')).toBe(4);
    expect(priorityName(1)).toBe('low');
  });
});
