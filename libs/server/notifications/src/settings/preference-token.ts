import { createHmac, timingSafeEqual } from 'node:crypto';
import { NOTIFICATION_KINDS, NotificationKind } from '@srp/contracts';

/**
 * The signed token in every notification e-mail's "switch this off" link and List-Unsubscribe
 * header: it names a person and a kind and lets whoever holds it change that one setting without
 * signing in (RFC 8058 one-click). It does not expire; changing SECRET_KEY invalidates all.
 */
export function preferenceToken(secret: string, accountId: string, kind: NotificationKind): string {
  // The kind by name: a link already mailed keeps meaning the same kind whatever is added later.
  const body = `${accountId}.${kind}`;
  return `${Buffer.from(body).toString('base64url')}.${mac(secret, body)}`;
}

export function readPreferenceToken(
  secret: string,
  token: unknown,
): { accountId: string; kind: NotificationKind } | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const [encoded, signature, extra] = token.split('.');
  if (!encoded || !signature || extra !== undefined) return null;
  const body = Buffer.from(encoded, 'base64url').toString();
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const match = /^([0-9a-f-]{36})\.([a-z_]{1,40})$/.exec(body);
  const kind = NOTIFICATION_KINDS.find((k) => k === match?.[2]);
  if (!match?.[1] || !kind) return null;
  return { accountId: match[1], kind };
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`notification-preference:${body}`).digest('base64url').slice(0, 32);
}
