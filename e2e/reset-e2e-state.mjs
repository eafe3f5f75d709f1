// Runs before the e2e portal starts (see playwright.config.ts): a fresh database and Redis prefix.
import pg from 'pg';
import { Redis } from 'ioredis';

const server = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = new URL(process.env.DATABASE_URL).pathname.slice(1);
const client = new pg.Client({ connectionString: server });
await client.connect();
await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, '""')}" WITH (FORCE)`);
await client.end();

const redis = new Redis(process.env.REDIS_URL);
let cursor = '0';
do {
  const [next, keys] = await redis.scan(cursor, 'MATCH', `${process.env.REDIS_PREFIX}:*`, 'COUNT', 500);
  if (keys.length) await redis.del(...keys);
  cursor = next;
} while (cursor !== '0');
redis.disconnect();
