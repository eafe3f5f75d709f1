import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig } from '@srp/server/platform';
import {
  clearRedisPrefix,
  createTestDatabase,
  TestDatabase,
  testConfig,
  TestHttpClient,
  withAdminClient,
} from '@srp/server/testing';
import { createApiApp } from '../src/app/create-api-app';

async function startApi(config: AppConfig): Promise<{ app: NestExpressApplication; url: string }> {
  const app = await createApiApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

describe('HTTP surface', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let app: NestExpressApplication;
  let url: string;
  let webDir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    webDir = await mkdtemp(join(tmpdir(), 'srp-web-'));
    await writeFile(
      join(webDir, 'index.html'),
      '<!doctype html><html lang="de"><title>SmartRegion Portal</title></html>',
    );
    await writeFile(join(webDir, 'main-ABCDEFGH.js'), 'console.log(1)');
    config = testConfig({ DATABASE_URL: db.url, WEB_DIST_DIR: webDir });
    ({ app, url } = await startApi(config));
  });

  afterAll(async () => {
    await app?.close();
    await clearRedisPrefix(config.REDIS_PREFIX);
    await db?.drop();
    await rm(webDir, { recursive: true, force: true });
  });

  it('reports liveness and truthful readiness', async () => {
    const live = await fetch(`${url}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });

    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
  });

  it('answers 503 on /health/ready while PostgreSQL refuses connections, and recovers', async () => {
    await withAdminClient(async (c) => {
      await c.query(`ALTER DATABASE "${db.name}" WITH ALLOW_CONNECTIONS false`);
      await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [db.name]);
    });
    try {
      const down = await fetch(`${url}/health/ready`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'error', checks: { database: 'down', redis: 'up' } });
    } finally {
      await withAdminClient((c) => c.query(`ALTER DATABASE "${db.name}" WITH ALLOW_CONNECTIONS true`));
    }
    const up = await fetch(`${url}/health/ready`);
    expect(up.status).toBe(200);
  });

  it('answers 503 on /health/ready when Redis is unreachable', async () => {
    const other = await startApi(testConfig({ DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:1' }));
    try {
      const response = await fetch(`${other.url}/health/ready`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'error', checks: { database: 'up', redis: 'down' } });
    } finally {
      await other.app.close();
    }
  });

  it('maps validation failures to 400 with field errors in German and a correlation id', async () => {
    const response = await fetch(`${url}/api/site/legal/unbekannt`, {
      headers: { 'X-Request-Id': 'test-request-0001' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-request-id')).toBe('test-request-0001');
    expect(await response.json()).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Die Eingaben sind unvollständig oder ungültig.',
      details: [{ field: 'page', code: 'isIn', message: '„page“ hat einen nicht erlaubten Wert.' }],
      correlationId: 'test-request-0001',
    });
  });

  it('answers malformed JSON with 400 and no parser internals', async () => {
    const client = new TestHttpClient(url);
    await client.get('/api/site/legal/impressum');
    const token = client.cookies.get('XSRF-TOKEN') as string;
    const response = await fetch(`${url}/api/site/legal/impressum`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `XSRF-TOKEN=${token}`, 'x-xsrf-token': token },
      body: '{"broken": ',
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ code: 'BAD_REQUEST', message: 'Die Anfrage ist ungültig.', details: {} });
    expect(body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(body)).not.toMatch(/JSON|position|Unexpected/);
  });

  it('answers unknown API routes with a JSON 404, never the web app', async () => {
    const response = await fetch(`${url}/api/gibt-es-nicht`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'NOT_FOUND', message: 'Das Gesuchte wurde nicht gefunden.' });
  });

  it('serves the operator-configured legal texts as plain paragraphs', async () => {
    const response = await fetch(`${url}/api/site/legal/barrierefreiheit`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.page).toBe('barrierefreiheit');
    expect(body.title).toBe('Erklärung zur Barrierefreiheit');
    expect(body.paragraphs.length).toBeGreaterThan(0);
  });

  it('sends security headers on every response', async () => {
    const response = await fetch(`${url}/health/live`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-powered-by')).toBeNull();
    // HSTS only in production (tested below).
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('serves the web app for app routes, with hashed assets cached and index.html not', async () => {
    const page = await fetch(`${url}/kommunen`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<html lang="de">');
    const asset = await fetch(`${url}/main-ABCDEFGH.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('publishes the OpenAPI document when enabled', async () => {
    const response = await fetch(`${url}/api/docs/openapi.json`);
    expect(response.status).toBe(200);
    const spec = await response.json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/health/ready', '/api/site/legal/{page}']));
  });

  it('hides the OpenAPI document in production unless enabled, and sends HSTS only over HTTPS', async () => {
    const prod = await startApi(
      testConfig({ DATABASE_URL: db.url, NODE_ENV: 'production', PUBLIC_URL: 'https://portal.example.org' }),
    );
    try {
      expect((await fetch(`${prod.url}/api/docs/openapi.json`)).status).toBe(404);
      const live = await fetch(`${prod.url}/health/live`);
      expect(live.headers.get('strict-transport-security')).toContain('max-age=31536000');
      expect(live.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      await prod.app.close();
    }
    const enabled = await startApi(
      testConfig({ DATABASE_URL: db.url, NODE_ENV: 'production', OPENAPI_ENABLED: 'true' }),
    );
    try {
      expect((await fetch(`${enabled.url}/api/docs/openapi.json`)).status).toBe(200);
      // Production reached over plain http (e.g. an intranet address): no HSTS, no upgrade.
      const live = await fetch(`${enabled.url}/health/live`);
      expect(live.headers.get('strict-transport-security')).toBeNull();
      expect(live.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    } finally {
      await enabled.app.close();
    }
  });
});
