import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactConfig, redactUrl } from './load-config';

describe('loadConfig', () => {
  it('uses documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/smartregion');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.openApiEnabled).toBe(true);
    expect(config.DATABASE_MIGRATE_ON_START).toBe(true);
  });

  it('converts numbers and booleans and turns OpenAPI off in production by default', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_MIGRATE_ON_START: 'false',
      NODE_ENV: 'production',
      SMTP_URL: '',
      SECRET_KEY: 'x'.repeat(32),
    });
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_MIGRATE_ON_START).toBe(false);
    expect(config.openApiEnabled).toBe(false);
    expect(config.SMTP_URL).toBeUndefined();
    expect(
      loadConfig({ NODE_ENV: 'production', OPENAPI_ENABLED: 'yes', SECRET_KEY: 'x'.repeat(32) }).openApiEnabled,
    ).toBe(true);
  });

  it('requires a SECRET_KEY of 32+ characters in production, and never logs it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SECRET_KEY must be set in production/);
    expect(() => loadConfig({ SECRET_KEY: 'short' })).toThrow(
      /SECRET_KEY must be at least 32 characters long \(got the given value\)/,
    );
    const config = loadConfig({ SECRET_KEY: 'k'.repeat(40) });
    expect(config.secretKey).toBe('k'.repeat(40));
    expect(JSON.stringify(redactConfig(config))).not.toContain('kkkk');
  });

  it.each([
    ['PORT', 'abc', /^Configuration error: PORT must be an integer number \(got "abc"\); see \.env\.example\.$/],
    ['PORT', '70000', /PORT must not be greater than 65535/],
    ['NODE_ENV', 'staging', /NODE_ENV must be one of/],
    ['REDIS_PREFIX', 'a b', /REDIS_PREFIX must be 1-32 letters/],
    ['DATABASE_MIGRATE_ON_START', 'maybe', /DATABASE_MIGRATE_ON_START must be a boolean/],
    ['PUBLIC_URL', 'portal.example.org', /PUBLIC_URL must be an http\(s\) URL/],
  ])('stops with one sentence naming %s when it is %s', (key, value, message) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(message);
  });

  it('never repeats a secret value in its error message', () => {
    const secret = 'mysql://admin:Geheim123@db/portal';
    let message = '';
    try {
      loadConfig({ DATABASE_URL: secret });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('DATABASE_URL must be a postgres:// URL');
    expect(message).not.toContain('Geheim123');
  });
});

describe('redactConfig', () => {
  it('masks passwords in connection URLs and keeps everything else', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://portal:s3cret@db:5432/portal',
      REDIS_URL: 'redis://:r3dis@cache:6379',
      SMTP_URL: 'smtp://mailer:m4il@smtp.example.org:587',
    });
    const safe = JSON.stringify(redactConfig(config));
    expect(safe).not.toMatch(/s3cret|r3dis|m4il/);
    expect(safe).toContain('postgres://portal:***@db:5432/portal');
    expect(safe).toContain('"PORT":3000');
  });

  it('masks an unparseable URL entirely', () => {
    expect(redactUrl('not a url with secret')).toBe('***');
  });
});
