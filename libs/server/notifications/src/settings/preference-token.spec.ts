import { describe, expect, it } from 'vitest';
import { preferenceToken, readPreferenceToken } from './preference-token';

const secret = 'a-test-secret-of-sufficient-length-0123456789';
const id = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

describe('preference tokens', () => {
  it('round-trips a person and a kind', () => {
    expect(readPreferenceToken(secret, preferenceToken(secret, id, 'task_due'))).toEqual({
      accountId: id,
      kind: 'task_due',
    });
  });

  it('rejects tampering, other secrets and junk', () => {
    const token = preferenceToken(secret, id, 'task_due');
    const [body, sig] = token.split('.');
    const other = Buffer.from(`${id}.meeting_reminder`).toString('base64url');
    expect(readPreferenceToken(secret, `${other}.${sig}`)).toBeNull();
    expect(readPreferenceToken('another-secret-of-sufficient-length-987654', token)).toBeNull();
    expect(readPreferenceToken(secret, `${body}.${sig}x`)).toBeNull();
    expect(readPreferenceToken(secret, `${token}.x`)).toBeNull();
    expect(readPreferenceToken(secret, 42)).toBeNull();
    expect(readPreferenceToken(secret, '')).toBeNull();
  });
});
