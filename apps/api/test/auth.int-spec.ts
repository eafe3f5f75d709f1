import { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountsService, CLI_ORIGIN, LOGIN_LIMITS } from '@srp/server/identity';
import { AppConfig } from '@srp/server/platform';
import { clearRedisPrefix, createTestDatabase, TestDatabase, testConfig, TestHttpClient } from '@srp/server/testing';
import { createApiApp } from '../src/app/create-api-app';

const PASSWORD = 'Wolken über der Saale 1912';

describe('sign-in, sessions and CSRF', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let app: NestExpressApplication;
  let url: string;
  let pg: Client;
  let n = 0;

  async function newAccount(
    overrides: { status?: 'active' | 'deactivated' | 'invited'; role?: 'member' | 'admin' } = {},
  ) {
    const email = `person${++n}@example.org`;
    await app.get(AccountsService).create(
      {
        email,
        name: `Person ${n}`,
        password: PASSWORD,
        role: overrides.role ?? 'member',
        status: overrides.status ?? 'active',
      },
      CLI_ORIGIN,
    );
    return email;
  }

  async function browser(): Promise<TestHttpClient> {
    const client = new TestHttpClient(url);
    await client.get('/api/site/legal/impressum'); // any GET hands out the XSRF cookie
    return client;
  }

  async function signedIn(email: string): Promise<TestHttpClient> {
    const client = await browser();
    const response = await client.post('/api/auth/login', { email, password: PASSWORD });
    expect(response.status).toBe(200);
    return client;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig({ DATABASE_URL: db.url });
    app = await createApiApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });

  afterAll(async () => {
    await app?.close();
    await pg?.end();
    await clearRedisPrefix(config.REDIS_PREFIX);
    await db?.drop();
  });

  it('signs in with a new HttpOnly SameSite=Lax session cookie and knows who I am', async () => {
    const email = await newAccount();
    const client = await browser();
    const login = await client.post('/api/auth/login', { email: email.toUpperCase(), password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ email, role: 'member', status: 'active' });
    const cookie = login.setCookies.find((c) => c.startsWith('srp_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http in tests
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(email);
    // Only the token's hash is stored.
    const token = client.cookies.get('srp_session') as string;
    const { rows } = await pg.query('SELECT token_hash FROM session WHERE token_hash = $1', [token]);
    expect(rows).toEqual([]);
    const audit = await pg.query(`SELECT action FROM audit_event WHERE action = 'auth.login'`);
    expect(audit.rowCount).toBeGreaterThan(0);
  });

  it('issues a different session id at every sign-in', async () => {
    const email = await newAccount();
    const a = await signedIn(email);
    const b = await signedIn(email);
    expect(a.cookies.get('srp_session')).not.toBe(b.cookies.get('srp_session'));
  });

  it('answers an unknown e-mail exactly like a wrong password, and audits both', async () => {
    const email = await newAccount();
    const client = await browser();
    const wrong = await client.post('/api/auth/login', { email, password: 'falsches Passwort 1' });
    const unknown = await client.post('/api/auth/login', {
      email: 'niemand@example.org',
      password: 'falsches Passwort 1',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (b: { correlationId?: string }) => ({ ...b, correlationId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.body).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: 'E-Mail-Adresse oder Passwort ist nicht richtig.',
    });
    const { rows } = await pg.query(`SELECT details FROM audit_event WHERE action = 'auth.login_failed'`);
    expect(rows.map((r) => r.details.email)).toEqual(expect.arrayContaining([email, 'niemand@example.org']));
    expect(JSON.stringify(rows)).not.toContain('falsches Passwort');
  });

  it('refuses deactivated and invited accounts with the same answer', async () => {
    for (const status of ['deactivated', 'invited'] as const) {
      const email = await newAccount({ status });
      const client = await browser();
      const response = await client.post('/api/auth/login', { email, password: PASSWORD });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('INVALID_CREDENTIALS');
    }
  });

  it('throttles an account after repeated failures, even with the right password then', async () => {
    const email = await newAccount();
    const client = await browser();
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) {
      expect((await client.post('/api/auth/login', { email, password: `falsch-${i}-xyz` })).status).toBe(401);
    }
    const blocked = await client.post('/api/auth/login', { email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('rejects state-changing requests without the XSRF header (403, nothing happens)', async () => {
    const email = await newAccount();
    const client = await browser();
    const withoutHeader = await client.post('/api/auth/login', { email, password: PASSWORD }, { xsrf: false });
    expect(withoutHeader.status).toBe(403);
    expect(withoutHeader.body.code).toBe('CSRF_FAILED');
    expect(client.cookies.has('srp_session')).toBe(false);
    const forged = await client.request('POST', '/api/auth/login', {
      body: { email, password: PASSWORD },
      headers: { 'x-xsrf-token': 'forged.token' },
      xsrf: false,
    });
    expect(forged.status).toBe(403);
  });

  it('validates the body: 400 with field errors, unknown fields refused (mass assignment)', async () => {
    const client = await browser();
    const bad = await client.post('/api/auth/login', { email: 'kein-email', password: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'password']);
    const extra = await client.post('/api/auth/login', { email: 'a@example.org', password: 'x', role: 'admin' });
    expect(extra.status).toBe(400);
    expect(extra.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'role', code: 'whitelistValidation' })]),
    );
  });

  it('logout ends the session: the old cookie gets 401', async () => {
    const email = await newAccount();
    const client = await signedIn(email);
    const token = client.cookies.get('srp_session') as string;
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    const replay = new TestHttpClient(url);
    replay.cookies.set('srp_session', token);
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });

  it('lists my sessions and ends others: one by one or everywhere else', async () => {
    const email = await newAccount();
    const laptop = await signedIn(email);
    const phone = await signedIn(email);
    const tablet = await signedIn(email);
    const list = await laptop.get('/api/auth/sessions');
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(3);
    expect(list.body.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(list.body[0].userAgent).toBe('vitest-browser');

    const phoneId = (await phone.get('/api/auth/sessions')).body.find((s: { current: boolean }) => s.current).id;
    expect((await laptop.delete(`/api/auth/sessions/${phoneId}`)).status).toBe(204);
    expect((await phone.get('/api/auth/me')).status).toBe(401);

    const others = await laptop.post('/api/auth/sessions/revoke-others');
    expect(others.body).toEqual({ revoked: 1 });
    expect((await tablet.get('/api/auth/me')).status).toBe(401);
    expect((await laptop.get('/api/auth/me')).status).toBe(200);
  });

  it("cannot end someone else's session: 404 as if it did not exist", async () => {
    const mine = await signedIn(await newAccount());
    const theirs = await signedIn(await newAccount());
    const theirId = (await theirs.get('/api/auth/sessions')).body[0].id;
    expect((await mine.delete(`/api/auth/sessions/${theirId}`)).status).toBe(404);
    expect((await mine.delete('/api/auth/sessions/not-a-uuid')).status).toBe(404);
    expect((await theirs.get('/api/auth/me')).status).toBe(200);
  });

  it('ends idle sessions and sessions past their absolute lifetime', async () => {
    const idle = await signedIn(await newAccount());
    await pg.query(
      `UPDATE session SET last_seen_at = now() - interval '2 hours' WHERE revoked_at IS NULL AND token_hash IS NOT NULL AND account_id = (SELECT id FROM account WHERE email = $1)`,
      [`person${n}@example.org`],
    );
    expect((await idle.get('/api/auth/me')).status).toBe(401);
    const old = await signedIn(await newAccount());
    await pg.query(
      `UPDATE session SET expires_at = now() - interval '1 minute' WHERE account_id = (SELECT id FROM account WHERE email = $1)`,
      [`person${n}@example.org`],
    );
    expect((await old.get('/api/auth/me')).status).toBe(401);
  });

  it('refuses a signed-in member what only admins may do (403), and strangers (401)', async () => {
    const member = await signedIn(await newAccount());
    expect((await member.get('/api/auth/me')).status).toBe(200);
    const stranger = await browser();
    expect((await stranger.get('/api/auth/me')).status).toBe(401);
    expect((await stranger.get('/api/auth/sessions')).status).toBe(401);
  });

  it('changes my password: other sessions end, this one stays, the new password works', async () => {
    const email = await newAccount();
    const here = await signedIn(email);
    const elsewhere = await signedIn(email);
    const changed = await here.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'Ein neuer, langer Satz 2027',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ endedSessions: 1 });
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    const fresh = await browser();
    expect((await fresh.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(401);
    expect((await fresh.post('/api/auth/login', { email, password: 'Ein neuer, langer Satz 2027' })).status).toBe(200);
    const { rows } = await pg.query(`SELECT details FROM audit_event WHERE action = 'auth.password_changed'`);
    expect(rows.at(-1).details).toEqual({ endedSessions: 1 });
  });

  it('refuses a wrong current password or a weak new one with field errors, changing nothing', async () => {
    const email = await newAccount();
    const here = await signedIn(email);
    const other = await signedIn(email);
    const wrong = await here.post('/api/auth/password', {
      currentPassword: 'nicht richtig',
      newPassword: 'Ein neuer, langer Satz 2027',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details).toEqual([
      { field: 'currentPassword', code: 'incorrect', message: 'Das bisherige Passwort ist nicht richtig.' },
    ]);
    const weak = await here.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'password1' });
    expect(weak.status).toBe(400);
    expect(weak.body.details[0]).toMatchObject({ field: 'password', code: 'common' });
    const extra = await here.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'Ein neuer, langer Satz 2027',
      role: 'admin',
    });
    expect(extra.status).toBe(400);
    expect((await other.get('/api/auth/me')).status).toBe(200);
    expect((await (await browser()).post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
  });

  it('requires a session to change a password (401)', async () => {
    const stranger = await browser();
    expect((await stranger.post('/api/auth/password', { currentPassword: 'x', newPassword: 'y' })).status).toBe(401);
  });

  it('throttles a client address after repeated failures across accounts (per IP)', async () => {
    // Requests come through a trusted proxy on loopback, which reports the client's address.
    const client = await browser();
    const from = { 'x-forwarded-for': '203.0.113.7' };
    const attempt = (email: string, password: string) =>
      client.request('POST', '/api/auth/login', { body: { email, password }, headers: from });
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) {
      expect((await attempt(`unbekannt-${i}@example.org`, 'falsch falsch')).status).toBe(401);
    }
    const email = await newAccount();
    expect((await attempt(email, PASSWORD)).status).toBe(429);
    // Another address is not affected.
    const other = await client.request('POST', '/api/auth/login', {
      body: { email, password: PASSWORD },
      headers: { 'x-forwarded-for': '198.51.100.23' },
    });
    expect(other.status).toBe(200);
    const { rows } = await pg.query(
      `SELECT DISTINCT ip FROM audit_event WHERE action = 'auth.login_failed' AND ip = '203.0.113.7'`,
    );
    expect(rows).toEqual([{ ip: '203.0.113.7' }]);
  });

  it('changes my name with the current version; a stale version gets 409 and changes nothing', async () => {
    const email = await newAccount();
    const client = await signedIn(email);
    const me = (await client.get('/api/auth/me')).body;
    const renamed = await client.request('PATCH', '/api/auth/me', {
      body: { name: '  Dr. Neu Name ', version: me.version },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Dr. Neu Name', version: me.version + 1 });
    const stale = await client.request('PATCH', '/api/auth/me', { body: { name: 'Alt', version: me.version } });
    expect(stale.status).toBe(409);
    expect((await client.get('/api/auth/me')).body.name).toBe('Dr. Neu Name');
    const extra = await client.request('PATCH', '/api/auth/me', {
      body: { name: 'X', version: me.version + 1, role: 'admin' },
    });
    expect(extra.status).toBe(400);
    expect(
      (await client.request('PATCH', '/api/auth/me', { body: { name: '   ', version: me.version + 1 } })).status,
    ).toBe(400);
    const { rows } = await pg.query(`SELECT role FROM account WHERE email = $1`, [email]);
    expect(rows[0].role).toBe('member');
    const audit = await pg.query(`SELECT details FROM audit_event WHERE action = 'account.profile_changed'`);
    expect(audit.rows.at(-1).details).toEqual({ before: { name: `Person ${n}` }, after: { name: 'Dr. Neu Name' } });
  });

  it('keeps function, phone and what others may see in my profile; a malformed phone is a 400', async () => {
    const email = await newAccount();
    const client = await signedIn(email);
    const me = (await client.get('/api/auth/me')).body;
    expect(me).toMatchObject({
      functionTitle: null,
      phone: null,
      showEmail: false,
      showPhone: false,
      isContact: false,
    });
    const bad = await client.request('PATCH', '/api/auth/me', { body: { phone: '<script>', version: me.version } });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'phone' });
    const changed = await client.request('PATCH', '/api/auth/me', {
      body: {
        functionTitle: ' Digitalisierungsbeauftragte ',
        phone: '+49 345 221-0',
        showPhone: true,
        version: me.version,
      },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: me.name,
      functionTitle: 'Digitalisierungsbeauftragte',
      phone: '+49 345 221-0',
      showEmail: false,
      showPhone: true,
    });
    const cleared = await client.request('PATCH', '/api/auth/me', {
      body: { phone: null, version: changed.body.version },
    });
    expect(cleared.body).toMatchObject({ phone: null, showPhone: true });
  });
});
