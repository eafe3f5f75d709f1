import { NestExpressApplication } from '@nestjs/platform-express';
import { Secret, TOTP } from 'otpauth';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountsService, CLI_ORIGIN } from '@srp/server/identity';
import { AppConfig } from '@srp/server/platform';
import { clearRedisPrefix, createTestDatabase, TestDatabase, testConfig, TestHttpClient } from '@srp/server/testing';
import { createApiApp } from '../src/app/create-api-app';

const ADMIN_PASSWORD = 'Wolken über der Saale 1912';
const COORDINATOR_PASSWORD = 'Fähre über die Elbe bei Aken';

/** The code an authenticator app shows for this secret, `offset` periods from now. */
function codeFor(secret: string, offset = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offset * 30_000,
  });
}

describe('invitation, second factor and password reset', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let app: NestExpressApplication;
  let url: string;
  let pg: Client;
  let adminRecoveryCodes: string[] = [];

  async function browser(): Promise<TestHttpClient> {
    const client = new TestHttpClient(url);
    await client.get('/api/auth/me');
    return client;
  }

  async function signIn(email: string, password: string): Promise<TestHttpClient> {
    const client = await browser();
    const response = await client.post('/api/auth/login', { email, password });
    expect(response.status).toBe(200);
    return client;
  }

  /** The link of the newest e-mail to this address, as the outbox recorded it. */
  async function linkFor(email: string): Promise<string> {
    const { rows } = await pg.query(
      `SELECT params->>'link' AS link FROM mail_outbox WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1`,
      [email],
    );
    return rows[0].link as string;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig({ DATABASE_URL: db.url, PUBLIC_URL: 'http://portal.test' });
    app = await createApiApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    await app
      .get(AccountsService)
      .create(
        { email: 'admin@example.org', name: 'Ada Admin', password: ADMIN_PASSWORD, role: 'admin', status: 'active' },
        CLI_ORIGIN,
      );
  });

  afterAll(async () => {
    await app?.close();
    await pg?.end();
    await clearRedisPrefix(config.REDIS_PREFIX);
    await db?.drop();
  });

  it('an admin without a second factor may not invite (privileged action)', async () => {
    const admin = await signIn('admin@example.org', ADMIN_PASSWORD);
    const response = await admin.post('/api/invitations', { email: 'x@example.org', name: 'X', role: 'member' });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('SECOND_FACTOR_SETUP_REQUIRED');
  });

  it('admin sets up TOTP, invites a coordinator, who accepts, sets up TOTP and signs in with it', async () => {
    // The admin sets up the authenticator app.
    const admin = await signIn('admin@example.org', ADMIN_PASSWORD);
    const setup = await admin.post('/api/auth/second-factor/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/SmartRegion%20Portal:admin%40example\.org\?/);
    expect(setup.body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const { rows: stored } = await pg.query(`SELECT totp_secret FROM account WHERE email = 'admin@example.org'`);
    expect(stored[0].totp_secret).not.toContain(setup.body.secret); // encrypted at rest
    expect((await admin.post('/api/auth/second-factor/enable', { code: '000000' })).status).toBe(400);
    const enabled = await admin.post('/api/auth/second-factor/enable', { code: codeFor(setup.body.secret) });
    expect(enabled.status).toBe(200);
    expect(enabled.body.recoveryCodes).toHaveLength(10);
    adminRecoveryCodes = enabled.body.recoveryCodes;

    // Now the invitation works; the e-mail carries a single-use link.
    const invited = await admin.post('/api/invitations', {
      email: 'Koordination@Example.org',
      name: 'Clara Koordinatorin',
      role: 'coordinator',
    });
    expect(invited.status).toBe(201);
    const link = await linkFor('koordination@example.org');
    expect(link).toMatch(/^http:\/\/portal\.test\/einladung\/[A-Za-z0-9_-]{43}$/);
    const token = link.split('/').pop() as string;

    const visitor = await browser();
    expect((await visitor.get(`/api/invitations/${token}`)).body).toEqual({
      email: 'koordination@example.org',
      name: 'Clara Koordinatorin',
    });
    const refused = await visitor.post(`/api/invitations/${token}/accept`, {
      password: COORDINATOR_PASSWORD,
      acceptPrivacy: false,
    });
    expect(refused.status).toBe(400);
    const weak = await visitor.post(`/api/invitations/${token}/accept`, { password: '12345678', acceptPrivacy: true });
    expect(weak.status).toBe(400);
    expect(
      (await visitor.post(`/api/invitations/${token}/accept`, { password: COORDINATOR_PASSWORD, acceptPrivacy: true }))
        .status,
    ).toBe(204);
    const again = await visitor.post(`/api/invitations/${token}/accept`, {
      password: COORDINATOR_PASSWORD,
      acceptPrivacy: true,
    });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('TOKEN_INVALID');
    expect((await visitor.get('/api/invitations/forged-token')).body.code).toBe('TOKEN_INVALID');

    // The coordinator signs in and sets up the second factor.
    const coordinator = await signIn('koordination@example.org', COORDINATOR_PASSWORD);
    const cSetup = await coordinator.post('/api/auth/second-factor/setup');
    const enableCode = codeFor(cSetup.body.secret);
    const cEnabled = await coordinator.post('/api/auth/second-factor/enable', { code: enableCode });
    expect(cEnabled.status).toBe(200);

    // Signing in again: password first, then the code; nothing else works in between.
    const next = await browser();
    const login = await next.post('/api/auth/login', {
      email: 'koordination@example.org',
      password: COORDINATOR_PASSWORD,
    });
    expect(login.body).toMatchObject({ secondFactorEnabled: true, secondFactorPending: true });
    expect((await next.get('/api/auth/sessions')).body.code).toBe('SECOND_FACTOR_REQUIRED');
    expect((await next.get('/api/auth/me')).body.secondFactorPending).toBe(true);
    // The code used for enabling cannot be replayed.
    expect((await next.post('/api/auth/second-factor/verify', { code: enableCode })).status).toBe(400);
    expect((await next.post('/api/auth/second-factor/verify', { code: codeFor(cSetup.body.secret, 1) })).status).toBe(
      204,
    );
    expect((await next.get('/api/auth/sessions')).status).toBe(200);
    expect((await next.get('/api/auth/me')).body.secondFactorPending).toBe(false);

    const { rows: audit } = await pg.query(`SELECT action FROM audit_event ORDER BY occurred_at`);
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'auth.totp_enabled',
        'account.invited',
        'account.invitation_accepted',
        'auth.second_factor_passed',
      ]),
    );
  });

  it('a recovery code works once instead of the app', async () => {
    const [code] = adminRecoveryCodes;
    const first = await signIn('admin@example.org', ADMIN_PASSWORD);
    expect((await first.get('/api/auth/sessions')).body.code).toBe('SECOND_FACTOR_REQUIRED');
    expect((await first.post('/api/auth/second-factor/verify', { code: code.toUpperCase() })).status).toBe(204);
    expect((await first.get('/api/auth/sessions')).status).toBe(200);
    const second = await signIn('admin@example.org', ADMIN_PASSWORD);
    expect((await second.post('/api/auth/second-factor/verify', { code })).status).toBe(400);
    const { rows } = await pg.query(
      `SELECT jsonb_array_length(recovery_code_hashes) AS n FROM account WHERE email = 'admin@example.org'`,
    );
    expect(rows[0].n).toBe(9);
  });

  it('limits wrong second-factor codes (429)', async () => {
    const admin = await signIn('admin@example.org', ADMIN_PASSWORD);
    let last = 0;
    for (let i = 0; i < 6; i++) last = (await admin.post('/api/auth/second-factor/verify', { code: '000000' })).status;
    expect(last).toBe(429);
  });

  it('password reset: same answer for unknown addresses, single-use link, ends sessions, keeps the second factor', async () => {
    const visitor = await browser();
    expect((await visitor.post('/api/password-reset', { email: 'niemand@example.org' })).status).toBe(202);
    const { rows: none } = await pg.query(`SELECT 1 FROM mail_outbox WHERE recipient = 'niemand@example.org'`);
    expect(none).toEqual([]);

    const before = await signIn('koordination@example.org', COORDINATOR_PASSWORD);
    expect((await visitor.post('/api/password-reset', { email: 'koordination@example.org' })).status).toBe(202);
    const token = (await linkFor('koordination@example.org')).split('/').pop() as string;
    expect((await visitor.get(`/api/password-reset/${token}`)).status).toBe(204);
    expect((await visitor.post(`/api/password-reset/${token}`, { password: 'Neue Brücke am Fluss 2027' })).status).toBe(
      204,
    );
    expect((await visitor.post(`/api/password-reset/${token}`, { password: 'Noch eins am Fluss 2028' })).status).toBe(
      404,
    );
    expect((await before.get('/api/auth/me')).status).toBe(401);

    const after = await browser();
    const login = await after.post('/api/auth/login', {
      email: 'koordination@example.org',
      password: 'Neue Brücke am Fluss 2027',
    });
    expect(login.status).toBe(200);
    expect(login.body.secondFactorPending).toBe(true);
  });
});
