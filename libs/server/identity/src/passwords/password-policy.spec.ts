import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy';

describe('checkPassword (ASVS V6.2)', () => {
  it.each([
    ['1234567', ['too_short']],
    ['äöüß€€€', ['too_short']],
    ['k7#Qm2!x', []],
    ['Wolkenkratzer am Elbufer 1912', []],
    ['x'.repeat(64), []],
    ['a very long passphrase '.repeat(5).slice(0, 128), []],
    ['y'.repeat(129), ['too_long']],
  ])('%j → %j', (password, problems) => {
    expect(checkPassword(password)).toEqual(problems);
  });

  it('accepts passwords without any composition rule', () => {
    expect(checkPassword('alles kleinbuchstaben ohne ziffern')).toEqual([]);
  });

  it.each(['password', 'Password1', '12345678', 'qwertyuiop', 'iloveyou', 'football!', 'baseball123'])(
    'rejects the common or breached password %s',
    (password) => {
      expect(checkPassword(password)).toContain('common');
    },
  );

  it("rejects the person's own name, e-mail and the portal's words", () => {
    expect(checkPassword('erika.muster-2026', { email: 'erika.muster@halle.de' })).toContain('contains_context');
    expect(checkPassword('Mustermann#2026', { name: 'Erika Mustermann' })).toContain('contains_context');
    expect(checkPassword('SmartRegion2026!')).toContain('contains_context');
    expect(checkPassword('Sachsen-Anhalt-2026')).toContain('contains_context');
  });
});
