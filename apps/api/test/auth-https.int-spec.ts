import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AccountsService, CLI_ORIGIN } from '@srp/server/identity';
import { AppConfig } from '@srp/server/platform';
import { clearRedisPrefix, createTestDatabase, TestDatabase, testConfig, TestHttpClient } from '@srp/server/testing';
import { createApiApp } from '../src/app/create-api-app';

// Its own file: passport keeps one strategy registry per process, so one api app per test file.
describe('cookies when the portal is served over HTTPS', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let app: NestExpressApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig({ DATABASE_URL: db.url, PUBLIC_URL: 'https://portal.example.org' });
    app = await createApiApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await clearRedisPrefix(config.REDIS_PREFIX);
    await db?.drop();
  });

  it('uses Secure cookies and the __Host- prefix for the session', async () => {
    await app.get(AccountsService).create(
      {
        email: 'https@example.org',
        name: 'Erika Sicher',
        password: 'Wolken über der Saale 1912',
        role: 'member',
        status: 'active',
      },
      CLI_ORIGIN,
    );
    const client = new TestHttpClient(await app.getUrl());
    const first = await client.get('/api/site/legal/impressum');
    expect(first.setCookies.find((c) => c.startsWith('XSRF-TOKEN='))).toMatch(/Secure/);
    const login = await client.post('/api/auth/login', {
      email: 'https@example.org',
      password: 'Wolken über der Saale 1912',
    });
    expect(login.status).toBe(200);
    const cookie = login.setCookies.find((c) => c.startsWith('__Host-srp_session='));
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
  });
});
