import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { AppConfig, loadConfig } from '@srp/server/platform';

export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A configuration for one test: its own database and Redis prefix; overrides win. */
export function testConfig(overrides: Record<string, string | undefined> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `t${randomBytes(4).toString('hex')}`,
    DATABASE_MIGRATE_ON_START: 'false',
    SECRET_KEY: randomBytes(32).toString('hex'),
    ...overrides,
  });
}

/** The environment a child process (built api or worker) needs for the same configuration. */
export function configEnv(config: AppConfig): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined && value !== null) env[key] = String(value);
  }
  return env;
}

/** Removes every Redis key of a test's prefix. */
export async function clearRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
