// Reminders benchmark (issue #7, QUALITY.md: "10,000 reminders falling due in the same minute all
// delivered to the SMTP catcher within 60 s; p99 lateness ≤ 5 s"). Writes N personal `task_due`
// reminders for N people with real tasks into a fresh database, lets the BUILT worker(s) deliver
// them as real processes to an SMTP server in this process, and measures when each reminder was
// claimed, written to the in-app centre and received by SMTP, against its due time.
// A benchmark, not a timed test: it reports medians of repeated runs and writes them into
// docs/performance.md (section "Reminders").
//
//   npm run bench:reminders [-- --count 10000] [--spread 60] [--workers 1] [--concurrency 10]
//                           [--mail-concurrency 10]
//                           [--reps 3] [--warmup 200] [--lead 5] [--timeout 240]
//                           [--sweep-ms 2000] [--pool 10] [--greet-pause 100] [--pg-options='-c …']
//                           [--profile] [--pg-sample] [--variant label]
//                           [--keep] [--reuse] [--no-doc] [--build] [--worker-main path] [--api-main path]
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { SMTPConnection } from 'smtp-server/lib/smtp-connection.js';
import { cpuGroups } from './lib/cpu-groups.mjs';
import { summariseProfile, writeProfilerPreload } from './lib/cpu-profile.mjs';
import { writeRemindersReport } from './lib/reminders-report.mjs';
import { machine, memoryOf } from './lib/system.mjs';
import { dropBenchDatabase, runBench, stopChild, withServer as withServerAt } from './lib/harness.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const { values: opts } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    /** Seconds over which the due times are spread (60: evenly over the minute; 0: all at one instant). */
    spread: { type: 'string', default: '60' },
    workers: { type: 'string', default: '1' },
    /** WORKER_CONCURRENCY and MAIL_CONCURRENCY (= SMTP connections) of each worker (defaults as in AppConfig). */
    concurrency: { type: 'string', default: '10' },
    'mail-concurrency': { type: 'string', default: '10' },
    reps: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '200' },
    lead: { type: 'string', default: '5' },
    timeout: { type: 'string', default: '240' },
    'sweep-ms': { type: 'string' },
    /** smtp-server waits 100 ms before its greeting (to catch clients that talk too early); 0 greets at once. */
    'greet-pause': { type: 'string', default: '100' },
    pool: { type: 'string' },
    /** PostgreSQL session settings for the worker's connections, e.g. "-c synchronous_commit=off" (diagnosis only). */
    'pg-options': { type: 'string' },
    profile: { type: 'boolean', default: false },
    /** Sample pg_stat_activity every 50 ms: which statements the database is busy with, and what it waits for. */
    'pg-sample': { type: 'boolean', default: false },
    variant: { type: 'string', default: 'as built' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'no-doc': { type: 'boolean', default: false },
    'worker-main': { type: 'string' },
    'api-main': { type: 'string' },
  },
});
const COUNT = Number(opts.count);
const SPREAD_S = Number(opts.spread);
const WORKERS = Number(opts.workers);
const CONCURRENCY = Number(opts.concurrency);
const MAIL_CONCURRENCY = Number(opts['mail-concurrency']);
const REPS = Number(opts.reps);
const WARMUP = Number(opts.warmup);
const LEAD_S = Number(opts.lead);
const TIMEOUT_S = Number(opts.timeout);
const GREET_PAUSE_MS = Number(opts['greet-pause']);
const WORKER_MAIN = resolve(opts['worker-main'] ?? join(ROOT, 'dist/apps/worker/main.js'));
const API_MAIN = resolve(opts['api-main'] ?? join(ROOT, 'dist/apps/api/main.js'));
const CUSTOM_BUILD = Boolean(opts['worker-main'] || opts['api-main']);
const SERVER_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'srp_bench_reminders';
const DATABASE_URL = Object.assign(new URL(SERVER_URL), { pathname: `/${DB_NAME}` }).toString();
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_PREFIX = 'srp-bench-reminders';
const PUBLIC_URL = 'https://portal.example.org';
const GROUP_NAME = 'Bench-Erinnerungen';
/** QUALITY.md: all delivered within 60 s of the minute's start; p99 lateness ≤ 5 s. */
const BUDGET = { totalS: 60, p99S: 5 };

const started = Date.now();
const log = (msg) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const children = new Set();
const tmp = join(os.tmpdir(), `srp-bench-reminders-${process.pid}`);

// ------------------------------------------------------------------------------------------------
// Build, database, data set
// ------------------------------------------------------------------------------------------------

/** The newest modification time of the server sources (apps and every server and shared lib). */
function newestSource() {
  let newest = 0;
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(entry.name))
        newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const part of ['apps/api/src', 'apps/worker/src', 'libs/server', 'libs/contracts']) walk(join(ROOT, part));
  return newest;
}

function ensureBuild() {
  if (CUSTOM_BUILD) {
    for (const file of [WORKER_MAIN, API_MAIN]) if (!existsSync(file)) throw new Error(`${file} does not exist`);
    log(`using the given builds: worker ${WORKER_MAIN}, api ${API_MAIN}`);
    return;
  }
  const exists = existsSync(WORKER_MAIN) && existsSync(API_MAIN);
  const stale = exists && newestSource() > Math.min(statSync(WORKER_MAIN).mtimeMs, statSync(API_MAIN).mtimeMs);
  if (exists && !opts.build && (!stale || opts['no-build'])) {
    if (stale) log('WARNING: the sources are newer than the build (--no-build)');
    return;
  }
  if (opts['no-build']) throw new Error('dist/apps/{api,worker}/main.js missing; build them or drop --no-build');
  log(`building api and worker: ${!exists ? 'no build yet' : stale ? 'sources are newer than the build' : '--build'}`);
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker', '--output-style=static'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      CI: 'true',
      NX_NO_CLOUD: 'true',
      NX_DAEMON: 'false',
      NX_WORKSPACE_DATA_DIRECTORY: process.env.NX_WORKSPACE_DATA_DIRECTORY ?? join(os.tmpdir(), 'nx-bench'),
    },
  });
  if (result.status !== 0) throw new Error('nx build api worker failed');
}

const SECRET_KEY = randomBytes(32).toString('hex');

function baseEnv() {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    PUBLIC_URL,
    DATABASE_URL,
    DATABASE_MIGRATE_ON_START: 'false',
    REDIS_URL,
    REDIS_PREFIX,
    SECRET_KEY,
    MAIL_DIR: join(tmp, 'mail'),
    LOG_LEVEL: 'info',
  };
}

function apiCli(...args) {
  const result = spawnSync(process.execPath, [API_MAIN, ...args], { cwd: ROOT, env: baseEnv(), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`api ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout.trim();
}

const withServer = (fn) => withServerAt(SERVER_URL, fn);

/** The task due date of the data set: in two days (Berlin), as a `task_due` "soon" reminder has it. */
const DUE_DATE_SQL = `((now() AT TIME ZONE 'Europe/Berlin')::date + 2)`;

/** Set-based steps: N active people, one group with all of them, one open task per person assigned to them. */
function datasetSteps(n) {
  const names = `ARRAY['Anna Müller', 'Jörg Schröder', 'Katrin Weiß', 'Sven Krüger', 'Ines Köhler', 'René Hoffmann', 'Franziska Schäfer', 'Paul Neumann']`;
  return [
    [
      `${n.toLocaleString('en')} active people`,
      `INSERT INTO account (email, name, organization_id, role, status, version, privacy_accepted_at, created_at, updated_at)
       SELECT 'person' || i || '@bench.example', (${names})[1 + i % 8] || ' ' || i,
              o.ids[1 + (i * 7919) % o.cnt], 'member', 'active', 1, now(), now() - interval '300 days', now()
         FROM generate_series(1, ${n}) i,
              (SELECT array_agg(id ORDER BY ags) AS ids, count(*)::int AS cnt FROM organization) o`,
    ],
    [
      `group "${GROUP_NAME}" with everyone as a member`,
      `INSERT INTO working_group (kind, number, name, short_name, description, phase, version)
       VALUES ('pilot_project', NULL, '${GROUP_NAME}', 'Bench-Erinn.', 'Generiert für den Erinnerungs-Benchmark.', NULL, 1);
       INSERT INTO group_membership (group_id, account_id, role, status, joined_at)
       SELECT (SELECT id FROM working_group WHERE name = '${GROUP_NAME}'), a.id, 'member', 'active', now() - interval '200 days'
         FROM account a WHERE a.email LIKE 'person%@bench.example'`,
    ],
    [
      `${n.toLocaleString('en')} open tasks due in two days, one per person`,
      `CREATE TEMP TABLE bench_pair AS
         SELECT gen_random_uuid() AS task_id, a.id AS account_id, substring(a.email FROM 'person(\\d+)@')::int AS i
           FROM account a WHERE a.email LIKE 'person%@bench.example';
       INSERT INTO task (id, group_id, title, description, status, priority, due_date, rank, version, created_at, updated_at)
       SELECT p.task_id, (SELECT id FROM working_group WHERE name = '${GROUP_NAME}'),
              (ARRAY['Sensorstandorte prüfen', 'Kostenschätzung überarbeiten', 'Ratsbeschluss vorbereiten', 'Open-Data-Katalog ergänzen'])[1 + p.i % 4] || ' (' || p.i || ')',
              'Bitte bis zur nächsten Monatsrunde erledigen.', CASE WHEN p.i % 3 = 0 THEN 'in_progress' ELSE 'open' END, 2,
              ${DUE_DATE_SQL}, p.i, 1, now() - interval '20 days', now() - interval '1 day'
         FROM bench_pair p;
       INSERT INTO task_assignee (task_id, account_id, assigned_at)
       SELECT task_id, account_id, now() - interval '20 days' FROM bench_pair;
       DROP TABLE bench_pair`,
    ],
  ];
}

async function datasetSize(db) {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM task t JOIN working_group g ON g.id = t.group_id WHERE g.name = $1`,
    [GROUP_NAME],
  );
  return rows[0].n;
}

async function prepareDatabase() {
  const exists = await withServer(
    async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME])).rowCount > 0,
  );
  const db = new pg.Client({ connectionString: DATABASE_URL });
  if (opts.reuse && exists) {
    await db.connect();
    const n = await datasetSize(db).catch(() => 0);
    if (n >= COUNT) {
      log(`reusing ${DB_NAME} (${n.toLocaleString('en')} tasks)`);
      return { db, timings: null };
    }
    await db.end();
  }
  log(`generating the data set in ${DB_NAME}`);
  await withServer(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DB_NAME}`);
  });
  log(`  ${apiCli('db:migrate').split('\n').pop()}`);
  log(`  ${apiCli('data:import-municipalities').split('\n').pop()}`);
  const fresh = new pg.Client({ connectionString: DATABASE_URL });
  await fresh.connect();
  const timings = [];
  for (const [name, sql] of datasetSteps(COUNT)) {
    const t = Date.now();
    await fresh.query(sql);
    timings.push([name, Date.now() - t]);
    log(`  ${name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  await fresh.query('VACUUM (ANALYZE)');
  return { db: fresh, timings };
}

// ------------------------------------------------------------------------------------------------
// SMTP catcher: counts messages and notes when each arrived (no parsing beyond the Message-ID)
// ------------------------------------------------------------------------------------------------

/**
 * smtp-server greets each new connection only after a fixed 100 ms pause (its early-talker check).
 * A worker that opens one connection per mail pays it per mail; a relay on the submission port
 * greets at once, but a real connection costs TCP, STARTTLS and AUTH round trips instead. The
 * default keeps the catcher as the integration tests' SmtpCatcher is; --greet-pause changes it.
 */
if (GREET_PAUSE_MS !== 100) {
  SMTPConnection.prototype.init = function init() {
    this._setListeners(() => {
      if (this._server.options.maxClients && this._server.connections.size > this._server.options.maxClients) {
        return this.send(421, `${this.name} Too many connected clients, try again in a moment`, false);
      }
      setTimeout(() => this.connectionReady(), GREET_PAUSE_MS).unref();
    });
  };
}

class Catcher {
  /** Message-ID (without brackets) → receipt times (ms since the epoch), in order. */
  received = new Map();
  count = 0;
  bytes = 0;
  connections = 0;
  unmatched = 0;
  server;
  port = 0;

  reset() {
    this.received = new Map();
    this.count = 0;
    this.bytes = 0;
    this.connections = 0;
    this.unmatched = 0;
  }

  async start() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      // A relay would resolve the client once and cache it; a lookup per connection (the default)
      // would make the catcher, not the worker, the thing measured.
      disableReverseLookup: true,
      logger: false,
      onConnect: (_session, callback) => {
        this.connections++;
        callback();
      },
      onData: (stream, _session, callback) => {
        let head = '';
        let size = 0;
        stream.on('data', (chunk) => {
          size += chunk.length;
          if (head.length < 16_384 && !head.includes('\r\n\r\n')) head += chunk.toString('latin1');
        });
        stream.on('end', () => {
          const at = Date.now();
          const id = /^Message-ID:\s*<([^>]+)>/im.exec(head.split('\r\n\r\n')[0])?.[1];
          this.count++;
          this.bytes += size;
          if (id) {
            const times = this.received.get(id);
            if (times) times.push(at);
            else this.received.set(id, [at]);
          } else this.unmatched++;
          callback();
        });
      },
    });
    this.server.on('error', (error) => log(`SMTP catcher error: ${error.message}`));
    await new Promise((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = this.server.server.address().port;
    return this;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}?ignoreTLS=true`;
  }

  stop() {
    return new Promise((r) => this.server.close(r));
  }
}

// ------------------------------------------------------------------------------------------------
// Workers
// ------------------------------------------------------------------------------------------------

function withPgOptions(url, options) {
  const u = new URL(url);
  u.searchParams.set('options', options);
  return u.toString();
}

function startWorker(index, rep, smtpUrl) {
  const name = `worker-${rep}-${index}`;
  const logFile = join(tmp, `${name}.log`);
  const fd = openSync(logFile, 'w');
  const profileFile = join(tmp, `${name}.cpuprofile`);
  const args = opts.profile ? ['--require', join(tmp, 'profiler-preload.cjs'), WORKER_MAIN] : [WORKER_MAIN];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...baseEnv(),
      SMTP_URL: smtpUrl,
      WORKER_CONCURRENCY: String(CONCURRENCY),
      MAIL_CONCURRENCY: String(MAIL_CONCURRENCY),
      ...(opts['sweep-ms'] ? { REMINDER_SWEEP_MS: opts['sweep-ms'] } : {}),
      ...(opts.pool ? { DATABASE_POOL_SIZE: opts.pool } : {}),
      ...(opts['pg-options'] ? { DATABASE_URL: withPgOptions(DATABASE_URL, opts['pg-options']) } : {}),
      BENCH_PROFILE_FILE: profileFile,
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  Object.assign(child, { logFile, profileFile, label: name });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function waitReady(child) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null)
      throw new Error(
        `${child.label} exited (${child.exitCode}):\n${readFileSync(child.logFile, 'utf8').slice(-3000)}`,
      );
    if (readFileSync(child.logFile, 'utf8').includes('worker started')) return;
    await sleep(100);
  }
  throw new Error(`${child.label} not ready after 60 s; log: ${child.logFile}`);
}

async function flushRedis() {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  let removed = 0;
  try {
    const stream = redis.scanStream({ match: `${REDIS_PREFIX}:*`, count: 1000 });
    for await (const keys of stream) {
      if (keys.length) removed += await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
  return removed;
}

/**
 * A poor man's pg_stat_statements: samples the benchmark database's active backends every 50 ms
 * and counts (statement, wait event) pairs, so the shares say where the backends spent their time.
 */
function samplePostgres() {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  const counts = new Map();
  let samples = 0;
  let active = 0;
  let running = true;
  const done = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query(
        `SELECT regexp_replace(left(query, 90), '\\s+', ' ', 'g') AS q, coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w
           FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid()`,
        [DB_NAME],
      );
      samples++;
      active += rows.length;
      for (const r of rows) {
        const key = `${r.q} [${r.w}]`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      await sleep(50);
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await done;
      const total = [...counts.values()].reduce((a, b) => a + b, 0) || 1;
      return {
        samples,
        meanActive: Math.round((10 * active) / Math.max(1, samples)) / 10,
        top: [...counts.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 12)
          .map(([what, n]) => ({ what, share: Math.round((1000 * n) / total) / 10 })),
      };
    },
  };
}

// ------------------------------------------------------------------------------------------------
// One repetition
// ------------------------------------------------------------------------------------------------

/** Inserts `count` planned task_due reminders (as the planner writes them), the first due at `firstDue`. */
async function insertReminders(db, count, firstDue, spreadMs, tag) {
  const { rowCount } = await db.query(
    `INSERT INTO reminder (kind, account_id, subject_type, subject_id, due_at, status, dedupe_key, payload)
     SELECT 'task_due', x.account_id, 'task', x.task_id, x.due_at, 'planned',
            'task_due:' || x.task_id || ':' || x.account_id || ':' || $4 || ':' || to_char(x.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            jsonb_build_object('dueDate', x.due_date::text, 'which', 'soon')
       FROM (SELECT t.id AS task_id, ta.account_id, t.due_date,
                    $2::timestamptz + ((row_number() OVER (ORDER BY t.rank) - 1) * $3::float8 / $1) * interval '1 millisecond' AS due_at
               FROM task t JOIN task_assignee ta ON ta.task_id = t.id
              WHERE t.group_id = (SELECT id FROM working_group WHERE name = '${GROUP_NAME}')
              ORDER BY t.rank LIMIT $1) x`,
    [count, new Date(firstDue).toISOString(), spreadMs, tag],
  );
  if (rowCount !== count) throw new Error(`inserted ${rowCount} reminders, expected ${count}`);
}

function percentiles(values) {
  const v = [...values].sort((a, b) => a - b);
  const at = (q) => (v.length ? v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))] : NaN);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: v.length ? v[v.length - 1] : NaN };
}

async function runRep(db, catcher, rep) {
  await db.query('TRUNCATE notification, mail_outbox, reminder');
  const flushed = await flushRedis();
  catcher.reset();
  log(`rep ${rep}: clean state (tables truncated, ${flushed} Redis keys removed); starting ${WORKERS} worker(s)`);
  const workers = Array.from({ length: WORKERS }, (_, i) => startWorker(i + 1, rep, catcher.url));
  await Promise.all(workers.map(waitReady));
  const idle = workers.map((w) => memoryOf(w.pid));

  if (WARMUP > 0) {
    // A worker that has run for a while has its code paths compiled and its connections open.
    await insertReminders(db, WARMUP, Date.now() - 1000, 0, `warmup${rep}`);
    const until = Date.now() + 90_000;
    while (catcher.count < WARMUP && Date.now() < until) await sleep(100);
    if (catcher.count < WARMUP) throw new Error(`warm-up: only ${catcher.count} of ${WARMUP} mails arrived in 90 s`);
    await sleep(1500);
    log(`rep ${rep}: warm-up of ${WARMUP} reminders delivered`);
  }
  catcher.reset();

  const firstDue = Math.ceil((Date.now() + LEAD_S * 1000) / 1000) * 1000;
  const spreadMs = SPREAD_S * 1000;
  await insertReminders(db, COUNT, firstDue, spreadMs, `rep${rep}`);
  await db.query('ANALYZE reminder');
  if (Date.now() > firstDue - 500) throw new Error('inserting the reminders took longer than --lead; raise it');
  log(
    `rep ${rep}: ${COUNT.toLocaleString('en')} reminders due ${SPREAD_S ? `over ${SPREAD_S} s` : 'at one instant'} from ${new Date(firstDue).toISOString()}`,
  );
  await sleep(firstDue - Date.now());

  if (opts.profile) for (const w of workers) w.kill('SIGUSR2');
  const xacts = async () =>
    (
      await db.query(
        `SELECT (xact_commit + xact_rollback)::float8 AS n, pg_current_wal_lsn()::text AS lsn FROM pg_stat_database WHERE datname = $1`,
        [DB_NAME],
      )
    ).rows[0];
  const xactsBefore = await xacts();
  const workerPids = new Set(workers.map((w) => w.pid));
  const stopCpu = cpuGroups((pid, comm) => {
    if (workerPids.has(pid)) return 'worker';
    if (pid === process.pid) return 'bench (SMTP catcher)';
    if (comm === `postgres:${DB_NAME}`) return 'PostgreSQL';
    // WAL writer, checkpointer, …: shared with every other database on the server.
    if (comm === 'postgres') return 'PostgreSQL server processes';
    if (comm === 'redis-server') return 'Redis';
    return null;
  });
  const sampler = opts['pg-sample'] ? samplePostgres() : null;
  const deadline = firstDue + spreadMs + TIMEOUT_S * 1000;
  let lastLog = Date.now();
  let rssPeak = 0;
  while (catcher.received.size < COUNT && Date.now() < deadline) {
    await sleep(200);
    for (const w of workers) rssPeak = Math.max(rssPeak, memoryOf(w.pid).rssMB || 0);
    if (Date.now() - lastLog >= 10_000) {
      lastLog = Date.now();
      log(
        `rep ${rep}: ${catcher.received.size.toLocaleString('en')} mails after ${((Date.now() - firstDue) / 1000).toFixed(0)} s`,
      );
    }
  }
  const cpu = stopCpu();
  const endedAt = Date.now();
  const pgActivity = sampler ? await sampler.stop() : null;
  const xactsAfter = await xacts();
  const walBytes = Number(
    (await db.query(`SELECT pg_wal_lsn_diff($1, $2)::float8 AS d`, [xactsAfter.lsn, xactsBefore.lsn])).rows[0].d,
  );
  if (opts.profile) for (const w of workers) w.kill('SIGUSR2');
  const memory = workers.map((w) => memoryOf(w.pid));
  // Let the last "sent" updates land before reading the rows.
  await sleep(1500);
  const profiles = [];
  if (opts.profile) {
    for (const w of workers) {
      for (let i = 0; i < 100 && !existsSync(w.profileFile); i++) await sleep(100);
      if (existsSync(w.profileFile))
        profiles.push({ worker: w.label, file: w.profileFile, ...summariseProfile(w.profileFile) });
    }
  }
  await Promise.all(workers.map(stopChild));

  const { rows } = await db.query(
    `SELECT r.id, extract(epoch FROM r.due_at)::float8 * 1000 AS due, extract(epoch FROM r.queued_at)::float8 * 1000 AS queued,
            r.status, r.outcome, extract(epoch FROM n.created_at)::float8 * 1000 AS notified,
            m.id AS outbox_id, m.status AS mail_status, m.attempts
       FROM reminder r LEFT JOIN notification n ON n.reminder_id = r.id
       LEFT JOIN mail_outbox m ON m.dedupe_key = 'reminder:' || r.id::text
      WHERE r.dedupe_key LIKE '%:rep${rep}:%'`,
  );
  if (rows.length !== COUNT) throw new Error(`found ${rows.length} reminders of rep ${rep}, expected ${COUNT}`);
  const host = new URL(PUBLIC_URL).hostname;
  const claim = [];
  const inApp = [];
  const mail = [];
  const receipts = [];
  let duplicates = 0;
  const reminderStatus = {};
  const mailStatus = {};
  for (const r of rows) {
    reminderStatus[r.status] = (reminderStatus[r.status] ?? 0) + 1;
    const ms = r.mail_status ?? 'none';
    mailStatus[ms] = (mailStatus[ms] ?? 0) + 1;
    claim.push(r.queued != null ? r.queued - r.due : Infinity);
    inApp.push(r.notified != null ? r.notified - r.due : Infinity);
    const times = r.outbox_id ? catcher.received.get(`${r.outbox_id}@${host}`) : undefined;
    if (times && times.length > 1) duplicates += times.length - 1;
    mail.push(times ? times[0] - r.due : Infinity);
    if (times) receipts.push(times[0]);
  }
  const s = (v) => v / 1000;
  const toSeconds = (p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, s(v)]));
  const maxFinite = (values) => Math.max(...values.filter(Number.isFinite));
  const dueTimes = rows.map((r) => r.due);
  const firstDueAt = Math.min(...dueTimes);
  const result = {
    rep,
    firstDue: new Date(firstDueAt).toISOString(),
    delivered: receipts.length,
    duplicates,
    unmatchedMessages: catcher.unmatched,
    smtpConnections: catcher.connections,
    meanMessageKB: catcher.count ? Math.round(catcher.bytes / catcher.count / 102.4) / 10 : NaN,
    reminderStatus,
    mailStatus,
    claim: toSeconds(percentiles(claim)),
    inApp: toSeconds(percentiles(inApp)),
    mail: toSeconds(percentiles(mail)),
    // Time from the first due time until the last claim, in-app notice and mail (the last one: the total).
    claimedAllS: s(maxFinite(rows.map((r) => r.queued ?? NaN)) - firstDueAt),
    notifiedAllS: s(maxFinite(rows.map((r) => r.notified ?? NaN)) - firstDueAt),
    totalS: receipts.length === COUNT ? s(Math.max(...receipts) - firstDueAt) : Infinity,
    firstMailS: receipts.length ? s(Math.min(...receipts) - firstDueAt) : NaN,
    // Mails per second from the first to the last receipt (the worker's pace while it had work).
    mailsPerSecond: receipts.length > 1 ? receipts.length / s(Math.max(...receipts) - Math.min(...receipts)) : NaN,
    measuredS: s(endedAt - firstDue),
    workerIdleMB: Math.max(...idle.map((m) => m.rssMB)),
    workerPeakMB: Math.max(...memory.map((m) => m.peakMB)),
    workerRssSampledPeakMB: rssPeak,
    cpu,
    // Transactions of the benchmark database per reminder (each commits once: a WAL flush unless grouped).
    // The counter lags by up to half a second (statistics flush), and the WAL includes other databases.
    transactionsPerReminder: Math.round((100 * (xactsAfter.n - xactsBefore.n)) / COUNT) / 100,
    walKBPerReminder: Math.round((10 * walBytes) / 1024 / COUNT) / 10,
    // CPU time each group of processes spent per reminder: less sensitive to other load than the times.
    cpuMsPerReminder: Object.fromEntries(
      Object.entries(cpu.groupsMs).map(([k, v]) => [k, Math.round((100 * v) / COUNT) / 100]),
    ),
    profiles,
    pgActivity,
  };
  const f = (v) => (Number.isFinite(v) ? v.toFixed(2) : '∞');
  log(
    `rep ${rep}: ${result.delivered.toLocaleString('en')}/${COUNT.toLocaleString('en')} mails, last after ${f(result.totalS)} s ` +
      `(claims done ${f(result.claimedAllS)} s, in-app done ${f(result.notifiedAllS)} s), ${f(result.mailsPerSecond)} mails/s; ` +
      `lateness p50/p99/max: claim ${f(result.claim.p50)}/${f(result.claim.p99)}/${f(result.claim.max)} s, ` +
      `in-app ${f(result.inApp.p50)}/${f(result.inApp.p99)}/${f(result.inApp.max)} s, mail ${f(result.mail.p50)}/${f(result.mail.p99)}/${f(result.mail.max)} s; ` +
      `worker peak ${result.workerPeakMB} MB; CPU busy ${cpu.busyPct} % (${Object.entries(cpu.groups)
        .map(([k, v]) => `${k} ${v} %`)
        .join(', ')}, others ${cpu.othersPct} %${cpu.othersTop.length ? `: ${cpu.othersTop.join(', ')}` : ''})` +
      `; ${result.transactionsPerReminder} transactions and ${result.walKBPerReminder} kB WAL per reminder` +
      `; CPU ms per reminder: ${Object.entries(result.cpuMsPerReminder)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}` +
      `${duplicates ? `; ${duplicates} DUPLICATES` : ''}`,
  );
  if (pgActivity) {
    log(
      `rep ${rep} PostgreSQL activity (${pgActivity.samples} samples, mean ${pgActivity.meanActive} active backends): ` +
        pgActivity.top.map((t) => `${t.share} % ${t.what}`).join(' | '),
    );
  }
  for (const p of profiles) {
    log(`rep ${rep} ${p.worker} profile (${p.seconds} s): ${p.buckets.map((b) => `${b.name} ${b.pct} %`).join(', ')}`);
  }
  return result;
}

// ------------------------------------------------------------------------------------------------

const median = (values) => {
  const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

function summarise(reps) {
  const m = (pick) => median(reps.map(pick));
  const lat = (key) => ({
    p50: m((r) => r[key].p50),
    p95: m((r) => r[key].p95),
    p99: m((r) => r[key].p99),
    max: m((r) => r[key].max),
  });
  const groups = [...new Set(reps.flatMap((r) => Object.keys(r.cpu.groups)))];
  const summary = {
    totalS: m((r) => r.totalS),
    claimedAllS: m((r) => r.claimedAllS),
    notifiedAllS: m((r) => r.notifiedAllS),
    firstMailS: m((r) => r.firstMailS),
    mailsPerSecond: m((r) => r.mailsPerSecond),
    claim: lat('claim'),
    inApp: lat('inApp'),
    mail: lat('mail'),
    workerPeakMB: m((r) => r.workerPeakMB),
    workerIdleMB: m((r) => r.workerIdleMB),
    delivered: Math.min(...reps.map((r) => r.delivered)),
    duplicates: reps.reduce((n, r) => n + r.duplicates, 0),
    cpu: {
      busyPct: m((r) => r.cpu.busyPct),
      othersPct: m((r) => r.cpu.othersPct),
      groups: Object.fromEntries(groups.map((g) => [g, m((r) => r.cpu.groups[g] ?? 0)])),
    },
    transactionsPerReminder: m((r) => r.transactionsPerReminder),
    cpuMsPerReminder: Object.fromEntries(groups.map((g) => [g, m((r) => r.cpuMsPerReminder[g] ?? 0)])),
  };
  // "All delivered within 60 s": every reminder's mail arrived at most 60 s after it fell due
  // (for "one instant" that is the time from the instant to the last mail).
  summary.totalPass = summary.mail.max <= BUDGET.totalS;
  summary.p99Pass = summary.mail.p99 <= BUDGET.p99S;
  return summary;
}

async function main() {
  mkdirSync(join(tmp, 'mail'), { recursive: true });
  if (opts.profile) writeProfilerPreload(join(tmp, 'profiler-preload.cjs'));
  const startMachine = machine();
  log(`machine: ${startMachine.cpus} × ${startMachine.cpuModel}, load average ${startMachine.loadAverage.join(' ')}`);
  ensureBuild();
  const { db, timings } = await prepareDatabase();
  const pgInfo = (
    await db.query(
      `SELECT split_part(current_setting('server_version'), ' ', 1) AS version, current_setting('shared_buffers') AS shared_buffers,
              current_setting('synchronous_commit') AS synchronous_commit, current_setting('max_connections') AS max_connections`,
    )
  ).rows[0];
  const redisVersion = await (async () => {
    const redis = new Redis(REDIS_URL, { lazyConnect: true });
    await redis.connect();
    const info = await redis.info('server');
    redis.disconnect();
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  })();
  const catcher = await new Catcher().start();
  log(
    `SMTP catcher on port ${catcher.port}; ${REPS} × ${COUNT.toLocaleString('en')} reminders, ${WORKERS} worker(s), WORKER_CONCURRENCY=${CONCURRENCY}, MAIL_CONCURRENCY=${MAIL_CONCURRENCY}` +
      `${opts.pool ? `, DATABASE_POOL_SIZE=${opts.pool}` : ''}${opts['sweep-ms'] ? `, REMINDER_SWEEP_MS=${opts['sweep-ms']}` : ''}, variant "${opts.variant}"`,
  );
  const reps = [];
  try {
    for (let rep = 1; rep <= REPS; rep++) reps.push(await runRep(db, catcher, rep));
  } finally {
    await catcher.stop();
    await db.query('TRUNCATE notification, mail_outbox, reminder').catch(() => undefined);
    await db.end();
    await flushRedis().catch(() => undefined);
  }
  const summary = summarise(reps);
  const results = {
    date: new Date().toISOString(),
    machine: { ...startMachine, postgres: pgInfo, redis: redisVersion },
    settings: {
      count: COUNT,
      spreadS: SPREAD_S,
      workers: WORKERS,
      concurrency: CONCURRENCY,
      mailConcurrency: MAIL_CONCURRENCY,
      pool: opts.pool ? Number(opts.pool) : 10,
      sweepMs: opts['sweep-ms'] ? Number(opts['sweep-ms']) : 2000,
      greetPauseMs: GREET_PAUSE_MS,
      pgOptions: opts['pg-options'] ?? null,
      reps: REPS,
      warmup: WARMUP,
      variant: opts.variant,
      profiled: opts.profile,
    },
    timings,
    summary,
    reps,
    budget: BUDGET,
    runtimeSeconds: Math.round((Date.now() - started) / 1000),
  };
  const jsonFile = join(tmp, 'reminders-bench.json');
  writeFileSync(jsonFile, JSON.stringify(results, null, 2));
  log(`raw results: ${jsonFile}`);
  const f = (v) => (Number.isFinite(v) ? v.toFixed(2) : '∞');
  console.log(
    `\nmedians of ${REPS}: last mail after ${f(summary.totalS)} s, at most ${f(summary.mail.max)} s after its due time (budget ${BUDGET.totalS} s: ${summary.totalPass ? 'pass' : 'FAIL'}), ` +
      `mail lateness p99 ${f(summary.mail.p99)} s (budget ${BUDGET.p99S} s: ${summary.p99Pass ? 'pass' : 'FAIL'}), ` +
      `in-app p99 ${f(summary.inApp.p99)} s, claim p99 ${f(summary.claim.p99)} s, ${f(summary.mailsPerSecond)} mails/s, worker peak ${summary.workerPeakMB} MB`,
  );
  if (!opts['no-doc']) {
    const file = await writeRemindersReport(ROOT, results);
    log(`wrote ${file}`);
  }
}

async function cleanup() {
  await Promise.all([...children].map(stopChild));
  await dropBenchDatabase({ serverUrl: SERVER_URL, dbName: DB_NAME, databaseUrl: DATABASE_URL, keep: opts.keep, log });
}

await runBench({ main, cleanup, log });
