// Tasks benchmark (issue #5): board of 500 tasks, Meine Aufgaben of 200, list pages, counts and
// search, against the built api and a raw-`pg` floor, on a generated data set of 200,000 tasks.
// A benchmark, not a timed test: it reports medians of repeated runs and ratios to the floor and
// writes them into docs/performance.md. See that file for how to read the numbers.
//
//   npm run bench:tasks [-- --keep] [--reuse] [--duration 8] [--warmup 2] [--reps 3]
//                       [--connections 50] [--paced-rate 50] [--paced-duration 5]
//                       [--only board,mine] [--no-doc] [--build]
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { abridgePlan, apiStatements, planFacts, staleStatements } from './lib/api-queries.mjs';
import { BOARD_GROUP, datasetSteps, describeDataset, SIZES } from './lib/dataset.mjs';
import { writeReport } from './lib/report.mjs';
import { cpuAccount, machine, memoryOf } from './lib/system.mjs';
import { dropBenchDatabase, runBench, stopChild, withServer as withServerAt } from './lib/harness.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const API_MAIN = join(ROOT, 'dist/apps/api/main.js');
const { values: opts } = parseArgs({
  options: {
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'no-doc': { type: 'boolean', default: false },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
    reps: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    'paced-rate': { type: 'string', default: '50' },
    'paced-duration': { type: 'string', default: '5' },
    only: { type: 'string' },
    'api-port': { type: 'string', default: '3390' },
    'floor-port': { type: 'string', default: '3391' },
  },
});
const DURATION = Number(opts.duration);
const WARMUP = Number(opts.warmup);
const REPS = Number(opts.reps);
const CONNECTIONS = Number(opts.connections);
/** The paced run: the same clients, but together only this many requests per second (open loop). */
const PACED_RATE = Number(opts['paced-rate']);
const PACED_DURATION = Number(opts['paced-duration']);
const SERVER_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'srp_bench';
const DATABASE_URL = Object.assign(new URL(SERVER_URL), { pathname: `/${DB_NAME}` }).toString();
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const API = `http://127.0.0.1:${opts['api-port']}`;
const FLOOR = `http://127.0.0.1:${opts['floor-port']}`;
/** QUALITY.md: read endpoints p95 ≤ 50 ms at 50 concurrent clients, throughput ≥ 50 % of the floor. */
const BUDGET = { p95Ms: 50, ratio: 0.5 };

const started = Date.now();
const log = (msg) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
const children = [];
const tmp = join(os.tmpdir(), `srp-bench-${process.pid}`);

// ------------------------------------------------------------------------------------------------
// Set-up
// ------------------------------------------------------------------------------------------------

/** The newest modification time of the api's sources (the app and every server and shared lib). */
function newestSource(dir = ROOT, parts = ['apps/api/src', 'libs/server', 'libs/contracts']) {
  let newest = 0;
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(entry.name))
        newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const part of parts) walk(join(dir, part));
  return newest;
}

function ensureBuild() {
  const exists = existsSync(API_MAIN);
  const stale = exists && newestSource() > statSync(API_MAIN).mtimeMs;
  if (exists && !opts.build && (!stale || opts['no-build'])) return;
  if (opts['no-build']) throw new Error(`${API_MAIN} is missing; build it (npm run build:api) or drop --no-build`);
  log(
    `building the api (nx build api): ${!exists ? 'no build yet' : stale ? 'sources are newer than the build' : '--build'}`,
  );
  const result = spawnSync('npx', ['nx', 'build', 'api', '--output-style=static'], {
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
  if (result.status !== 0) throw new Error('nx build api failed');
}

const apiEnv = () => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: opts['api-port'],
  PUBLIC_URL: API,
  DATABASE_URL,
  DATABASE_MIGRATE_ON_START: 'false',
  REDIS_URL,
  REDIS_PREFIX: 'srp-bench',
  SECRET_KEY: randomBytes(32).toString('hex'),
  MAIL_DIR: join(tmp, 'mail'),
  LOG_LEVEL: 'info',
});

function apiCli(...args) {
  const result = spawnSync(process.execPath, [API_MAIN, ...args], { cwd: ROOT, env: apiEnv(), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`api ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout.trim();
}

const withServer = (fn) => withServerAt(SERVER_URL, fn);

async function databaseReady() {
  return withServer(async (c) => {
    const exists = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME])).rowCount > 0;
    if (!exists) return false;
    const db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM task`).catch(() => ({ rows: [{ n: 0 }] }));
      return rows[0].n === SIZES.tasks;
    } finally {
      await db.end();
    }
  });
}

async function createDataset(db) {
  await withServer(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DB_NAME}`);
  });
  log(`database ${DB_NAME}: ${apiCli('db:migrate').split('\n').pop()}`);
  log(apiCli('data:import-municipalities').split('\n').pop());
  await db.connect();
  const timings = [];
  for (const [name, sql] of datasetSteps()) {
    const t = Date.now();
    await db.query(sql);
    timings.push([name, Date.now() - t]);
    log(`  ${name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const t = Date.now();
  // VACUUM as autovacuum would soon after a bulk load: statistics, and the visibility map that
  // index-only scans need.
  await db.query('VACUUM (ANALYZE)');
  timings.push(['VACUUM (ANALYZE)', Date.now() - t]);
  log(`  VACUUM (ANALYZE): ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return timings;
}

/** A session row per bench person, as SessionService.create writes it: only the token's SHA-256 is stored. */
async function createSession(db, accountId) {
  const token = randomBytes(32).toString('base64url');
  const tokenHash = createHash('sha256').update(token).digest('hex');
  await db.query(
    `INSERT INTO session (token_hash, account_id, last_seen_at, expires_at, user_agent, ip)
     VALUES ($1, $2, now(), now() + interval '12 hours', 'srp-bench', '127.0.0.1')`,
    [tokenHash, accountId],
  );
  return { cookie: `srp_session=${token}`, tokenHash };
}

function startProcess(name, args, env) {
  const logFile = join(tmp, `${name}.log`);
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  child.logFile = logFile;
  children.push(child);
  return child;
}

async function waitReady(child, url, name) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited (${child.exitCode}):\n${readFileSync(child.logFile, 'utf8').slice(-2000)}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} not ready after 60 s; log: ${child.logFile}`);
}

async function getJson(url, cookie) {
  const response = await fetch(url, { headers: cookie ? { cookie, accept: 'application/json' } : {} });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${text.slice(0, 300)}`);
  return { body: JSON.parse(text), bytes: Buffer.byteLength(text) };
}

// ------------------------------------------------------------------------------------------------
// Scenarios
// ------------------------------------------------------------------------------------------------

function expect(condition, message) {
  if (!condition) throw new Error(`sanity check failed: ${message}`);
}

async function buildScenarios(ids, sessions) {
  const A = sessions.board.cookie;
  const B = sessions.mine.cookie;
  const q = encodeURIComponent('Förderantrag');
  const listUrl = `${API}/api/tasks?groupId=${ids.bigGroupId}&sort=due&limit=50`;
  const page1 = await getJson(listUrl, A);
  expect(page1.body.items.length === 50 && page1.body.nextCursor, 'list page 1 has 50 items and a cursor');
  const cursor = page1.body.nextCursor;
  const [, k0, k1] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  ids.cursorValues = [k0, k1];

  const scenarios = [
    {
      key: 'board',
      title: `Board of ${SIZES.boardOpenTasks} open tasks (+ 50 done)`,
      api: { path: `/api/groups/${ids.boardGroupId}/board`, cookie: A },
      floor: { path: `/board/${ids.boardGroupId}` },
      check: (api, floor) => {
        const open = api.columns.filter((c) => c.status !== 'done').reduce((n, c) => n + c.tasks.length, 0);
        expect(open === SIZES.boardOpenTasks, `board shows ${open} open cards, expected ${SIZES.boardOpenTasks}`);
        expect(floor.items.length === SIZES.boardOpenTasks + 50, `floor board has ${floor.items.length} cards`);
      },
    },
    {
      key: 'mine',
      title: `Meine Aufgaben, ${SIZES.mineOpenTasks} tasks`,
      api: { path: '/api/tasks/mine', cookie: B },
      floor: { path: `/mine/${ids.minePersonId}` },
      check: (api, floor) => {
        expect(api.items.length === SIZES.mineOpenTasks, `mine has ${api.items.length} items`);
        expect(floor.items.length === SIZES.mineOpenTasks, `floor mine has ${floor.items.length} items`);
      },
    },
    {
      key: 'list1',
      title: `List, ${ids.bigGroupName} (${ids.bigGroupTasks.toLocaleString('en')} tasks), by due date, page 1 of 50`,
      api: { path: `/api/tasks?groupId=${ids.bigGroupId}&sort=due&limit=50`, cookie: A },
      floor: { path: `/list/${ids.bigGroupId}` },
      check: (api, floor) => {
        expect(api.items.length === 50, 'list page 1: 50 items');
        expect(floor.items[0].id === api.items[0].id, 'floor and api list start with the same task');
      },
    },
    {
      key: 'list2',
      title: 'List, same group, page 2 (keyset cursor)',
      api: { path: `/api/tasks?groupId=${ids.bigGroupId}&sort=due&limit=50&cursor=${cursor}`, cookie: A },
      floor: { path: `/list/${ids.bigGroupId}?after=${k0},${k1}` },
      check: (api, floor) => {
        expect(api.items.length === 50, 'list page 2: 50 items');
        expect(!page1.body.items.some((t) => t.id === api.items[0].id), 'page 2 does not repeat page 1');
        expect(floor.items[0].id === api.items[0].id, 'floor and api page 2 start with the same task');
      },
    },
    {
      key: 'counts',
      title: 'Counts for the start page (my open / overdue / this week)',
      api: { path: '/api/tasks/counts', cookie: B },
      floor: { path: `/counts/${ids.minePersonId}` },
      check: (api, floor) => {
        expect(api.open === SIZES.mineOpenTasks, `counts.open is ${api.open}`);
        expect(floor.open === api.open && floor.overdue === api.overdue, 'floor counts equal the api counts');
      },
    },
    {
      key: 'search',
      title: 'Search "Förderantrag" over the groups a member sees, page 1',
      api: { path: `/api/tasks?q=${q}&sort=due&limit=50`, cookie: A },
      floor: { path: `/search/${ids.boardPersonId}?q=${q}` },
      check: (api, floor) => {
        expect(api.items.length === 50, `search finds ${api.items.length} (expected a full page)`);
        expect(floor.items[0].id === api.items[0].id, 'floor and api search start with the same task');
      },
    },
  ];
  const only = opts.only?.split(',');
  const chosen = only ? scenarios.filter((s) => only.includes(s.key)) : scenarios;
  for (const s of chosen) {
    const api = await getJson(API + s.api.path, s.api.cookie);
    const floor = await getJson(FLOOR + s.floor.path);
    s.check(api.body, floor.body);
    s.apiBytes = api.bytes;
    s.floorBytes = floor.bytes;
  }
  return chosen;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted, q) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * One closed-loop autocannon run: every connection sends its next request as soon as the last is
 * answered. Latencies of 2xx responses are kept for exact percentiles (autocannon has no p95).
 */
function load(url, headers, seconds, record) {
  return new Promise((resolvePromise, reject) => {
    const latencies = [];
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds,
        headers,
        timeout: 30,
      },
      (error, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        resolvePromise({
          requests: latencies.length,
          rps: latencies.length / result.duration,
          p50: percentile(latencies, 0.5),
          p95: percentile(latencies, 0.95),
          p99: percentile(latencies, 0.99),
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
        });
      },
    );
    if (record) {
      instance.on('response', (_client, status, _bytes, ms) => {
        if (status >= 200 && status < 300) latencies.push(ms);
      });
    }
  });
}

/**
 * The paced (open-loop) run: requests evenly spaced at `rate` per second over at most CONNECTIONS
 * keep-alive sockets, whatever the answers take. Latency counts from the moment a request was due,
 * so time spent waiting for a free socket is included (no coordinated omission). autocannon's own
 * rate limit sends each second's requests in one burst, which would measure the burst instead.
 */
function paced(url, headers, seconds, rate) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies = [];
  const total = Math.round(seconds * rate);
  const interval = 1000 / rate;
  let non2xx = 0;
  let errors = 0;
  let finished = 0;
  let sent = 0;
  const t0 = performance.now();
  return new Promise((resolvePromise) => {
    let deadline;
    let over = false;
    const finish = () => {
      if (over) return;
      over = true;
      clearTimeout(deadline);
      agent.destroy();
      latencies.sort((a, b) => a - b);
      resolvePromise({
        requests: latencies.length,
        rps: latencies.length / ((performance.now() - t0) / 1000),
        p50: percentile(latencies, 0.5),
        p95: percentile(latencies, 0.95),
        p99: percentile(latencies, 0.99),
        non2xx,
        // Requests still unanswered 10 s after the last was sent count as errors.
        errors: errors + (total - finished),
      });
    };
    const done = () => {
      finished++;
      if (finished === total) finish();
    };
    const send = () => {
      const now = performance.now();
      while (sent < total && t0 + sent * interval <= now) {
        const due = t0 + sent * interval;
        sent++;
        const request = http.get(url, { agent, headers }, (response) => {
          response.resume();
          response.on('end', () => {
            if (response.statusCode >= 200 && response.statusCode < 300) latencies.push(performance.now() - due);
            else non2xx++;
            done();
          });
        });
        request.on('error', () => {
          errors++;
          done();
        });
      }
      if (sent < total) setTimeout(send, Math.max(0, t0 + sent * interval - performance.now()));
      else deadline = setTimeout(finish, 10_000);
    };
    send();
  });
}

async function measure(scenarios, ownPids) {
  const runs = [];
  const record = async (s, side, rep, url, headers, seconds, rate) => {
    const stopCpu = cpuAccount(ownPids, DB_NAME);
    const result = rate ? await paced(url, headers, seconds, rate) : await load(url, headers, seconds, true);
    const cpu = stopCpu();
    runs.push({ scenario: s.key, side, rep, ...result, cpu });
    // The server goes on answering the requests autocannon abandoned when the run ended; let it
    // finish them (about the slowest latency) so that they do not slow down the next run.
    await sleep(Math.min(10_000, Math.max(500, Number.isFinite(result.p99) ? result.p99 : 10_000)));
    log(
      `rep ${rep} ${s.key.padEnd(6)} ${side.padEnd(5)} ${result.rps.toFixed(0).padStart(5)} req/s  p95 ${result.p95.toFixed(1)} ms  p99 ${result.p99.toFixed(1)} ms` +
        `${result.non2xx || result.errors ? `  non-2xx ${result.non2xx} errors ${result.errors}` : ''}  (other processes ${cpu.othersPct} % CPU)`,
    );
  };
  for (let rep = 1; rep <= REPS; rep++) {
    for (const s of scenarios) {
      const apiHeaders = { cookie: s.api.cookie, accept: 'application/json' };
      // Alternate which side goes first, so neither always gets the warmer machine.
      const order = rep % 2 ? ['api', 'floor'] : ['floor', 'api'];
      for (const side of order) {
        const url = (side === 'api' ? API : FLOOR) + s[side].path;
        const headers = side === 'api' ? apiHeaders : {};
        // The warm-up also absorbs the requests the previous run left in flight.
        await load(url, headers, WARMUP, false);
        await record(s, side, rep, url, headers, DURATION);
      }
      // Pacing above what the api just managed flat out would only measure a growing queue.
      const capacity = runs.find((r) => r.scenario === s.key && r.side === 'api' && r.rep === rep).rps;
      if (capacity >= PACED_RATE) {
        await record(s, 'paced', rep, API + s.api.path, apiHeaders, PACED_DURATION, PACED_RATE);
      } else {
        log(
          `rep ${rep} ${s.key.padEnd(6)} paced skipped: the api served ${capacity.toFixed(0)} req/s flat out, below ${PACED_RATE}/s`,
        );
      }
    }
  }
  return runs;
}

const median = (values) => {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

function summarise(scenarios, runs) {
  return scenarios.map((s) => {
    const side = (name) => runs.filter((r) => r.scenario === s.key && r.side === name);
    const api = side('api');
    const floor = side('floor');
    const paced = side('paced');
    // The ratio per repetition (api and floor measured back to back), then its median.
    const ratios = api.map((r) => r.rps / (floor.find((f) => f.rep === r.rep)?.rps ?? NaN));
    const row = {
      key: s.key,
      title: s.title,
      apiBytes: s.apiBytes,
      floorBytes: s.floorBytes,
      p50: median(api.map((r) => r.p50)),
      p95: median(api.map((r) => r.p95)),
      p99: median(api.map((r) => r.p99)),
      rps: median(api.map((r) => r.rps)),
      floorP95: median(floor.map((r) => r.p95)),
      floorRps: median(floor.map((r) => r.rps)),
      ratio: median(ratios),
      pacedP95: median(paced.map((r) => r.p95)),
      pacedP99: median(paced.map((r) => r.p99)),
      pacedRps: median(paced.map((r) => r.rps)),
      pacedRuns: paced.length,
      failedRequests: api.concat(floor, paced).reduce((n, r) => n + r.non2xx + r.errors, 0),
      p95Runs: api.map((r) => r.p95),
      rpsRuns: api.map((r) => r.rps),
      floorRpsRuns: floor.map((r) => r.rps),
    };
    row.p95Pass = row.p95 <= BUDGET.p95Ms;
    row.pacedP95Pass = row.pacedP95 <= BUDGET.p95Ms;
    row.ratioPass = row.ratio >= BUDGET.ratio;
    return row;
  });
}

/** Readable names for TypeORM's hashed constraint indexes ("PK_f7bb…" → "task_assignee PK (task_id, account_id)"). */
async function indexLabels(db) {
  const { rows } = await db.query(`SELECT indexname, tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'`);
  return Object.fromEntries(
    rows.map((r) => {
      const hashed = /^(PK|UQ)_[0-9a-f]{20,}$/.exec(r.indexname);
      const columns = /\(([^)]*)\)\s*$/.exec(r.indexdef)?.[1] ?? '';
      return [r.indexname, hashed ? `${r.tablename} ${hashed[1]} (${columns})` : r.indexname];
    }),
  );
}

async function explainAll(db, ids) {
  const labels = await indexLabels(db);
  const statements = apiStatements(ROOT, ids);
  const stale = staleStatements(ROOT, statements);
  if (stale.length) log(`WARNING: these copied statements no longer match the service source: ${stale.join('; ')}`);
  const plans = [];
  for (const s of statements) {
    const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
    const text = rows.map((r) => r['QUERY PLAN']).join('\n');
    const facts = planFacts(text);
    facts.indexes = facts.indexes.map((i) => labels[i.replaceAll('"', '')] ?? i.replaceAll('"', ''));
    // The session token's hash is a credential of the run: keep it out of the written report.
    const shown = text.replaceAll(ids.tokenHash, '<SHA-256 of the session token>');
    plans.push({ ...s, plan: shown, abridged: abridgePlan(shown), facts, stale: stale.includes(s.name) });
    log(
      `EXPLAIN ${s.endpoint}: ${s.name}: ${facts.executionMs} ms, indexes ${facts.indexes.join(', ') || '-'}` +
        `${facts.seqScans.length ? `, SEQ SCAN on ${facts.seqScans.join(', ')}` : ''}`,
    );
  }
  return plans;
}

// ------------------------------------------------------------------------------------------------

async function main() {
  spawnSync('mkdir', ['-p', join(tmp, 'mail')]);
  const startMachine = machine();
  log(`machine: ${startMachine.cpus} × ${startMachine.cpuModel}, load average ${startMachine.loadAverage.join(' ')}`);
  ensureBuild();

  const db = new pg.Client({ connectionString: DATABASE_URL });
  let timings = null;
  if (opts.reuse && (await databaseReady())) {
    log(`reusing the data set in ${DB_NAME}`);
    await db.connect();
  } else {
    log(`generating the data set in ${DB_NAME}`);
    const t = Date.now();
    timings = await createDataset(db);
    log(`data set ready in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  const dataset = await describeDataset(db);
  const pgVersion = (await db.query('SHOW server_version')).rows[0].server_version.split(' ')[0];
  const pgSettings = (
    await db.query(
      `SELECT current_setting('shared_buffers') AS shared_buffers, current_setting('work_mem') AS work_mem,
              current_setting('jit') AS jit, current_setting('max_connections') AS max_connections`,
    )
  ).rows[0];
  const ids = {
    boardGroupId: dataset.board.id,
    boardPersonId: dataset.boardPersonId,
    minePersonId: dataset.mine.id,
    bigGroupId: dataset.big.id,
    bigGroupName: dataset.big.name,
    bigGroupTasks: dataset.big.total,
  };
  const sessions = {
    board: await createSession(db, ids.boardPersonId),
    mine: await createSession(db, ids.minePersonId),
  };
  ids.tokenHash = sessions.board.tokenHash;

  log('starting the api and the floor');
  const api = startProcess('api', [API_MAIN], apiEnv());
  const floor = startProcess('floor', [join(ROOT, 'tools/bench/floor-server.mjs')], {
    PATH: process.env.PATH,
    DATABASE_URL,
    FLOOR_PORT: opts['floor-port'],
  });
  await Promise.all([waitReady(api, `${API}/health/ready`, 'api'), waitReady(floor, `${FLOOR}/ready`, 'floor')]);
  const apiIdle = memoryOf(api.pid);

  const scenarios = await buildScenarios(ids, sessions);
  log(
    `scenarios checked (${scenarios.map((s) => s.key).join(', ')}); ${REPS} × ${DURATION} s per side after ${WARMUP} s warm-up, ${CONNECTIONS} connections`,
  );
  const measureStart = machine();
  const runs = await measure(scenarios, [process.pid, api.pid, floor.pid]);
  const apiMemory = memoryOf(api.pid);
  const floorMemory = memoryOf(floor.pid);
  log(`api memory after the load: RSS ${apiMemory.rssMB} MB, peak ${apiMemory.peakMB} MB (idle ${apiIdle.rssMB} MB)`);

  const plans = await explainAll(db, ids);
  await db.end();

  const rows = summarise(scenarios, runs);
  const others = runs.map((r) => r.cpu.othersPct);
  const results = {
    date: new Date().toISOString(),
    machine: { ...startMachine, loadAverageAtMeasureStart: measureStart.loadAverage, postgres: pgVersion, pgSettings },
    autocannon: JSON.parse(readFileSync(join(ROOT, 'node_modules/autocannon/package.json'), 'utf8')).version,
    settings: {
      duration: DURATION,
      warmup: WARMUP,
      reps: REPS,
      connections: CONNECTIONS,
      pacedRate: PACED_RATE,
      pacedDuration: PACED_DURATION,
    },
    dataset,
    timings,
    rows,
    runs,
    memory: { apiIdle, api: apiMemory, floor: floorMemory, budgetMB: 300 },
    otherCpu: { medianPct: median(others), maxPct: Math.max(...others), top: runs.flatMap((r) => r.cpu.othersTop) },
    plans,
    budget: BUDGET,
    boardGroup: BOARD_GROUP,
    runtimeSeconds: Math.round((Date.now() - started) / 1000),
  };
  const jsonFile = join(tmp, 'tasks-bench.json');
  writeFileSync(jsonFile, JSON.stringify(results, null, 2));
  log(`raw results: ${jsonFile}`);

  console.log(
    `\nscenario  p95 ms  p99 ms   req/s  floor req/s  ratio  p95≤50  ratio≥0.5  paced ${PACED_RATE}/s: p95 ms  p99 ms`,
  );
  for (const r of rows) {
    console.log(
      `${r.key.padEnd(8)} ${r.p95.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${r.rps.toFixed(0).padStart(7)} ${r.floorRps.toFixed(0).padStart(12)} ${r.ratio.toFixed(2).padStart(6)}  ${r.p95Pass ? 'pass' : 'FAIL'}    ${r.ratioPass ? 'pass' : 'FAIL'}     ${r.pacedP95.toFixed(1).padStart(16)} ${r.pacedP99.toFixed(1).padStart(7)}`,
    );
  }
  const seq = plans.filter((p) => p.facts.seqScans.length);
  console.log(
    seq.length
      ? `\nSeq Scan on a task table in: ${seq.map((p) => p.name).join('; ')}`
      : '\nEvery task list is served by an index (no Seq Scan on task, task_assignee, task_comment).',
  );
  if (!opts['no-doc']) {
    const file = await writeReport(ROOT, results);
    log(`wrote ${file}`);
  }
}

async function cleanup() {
  for (const child of children) await stopChild(child, 10_000);
  await dropBenchDatabase({ serverUrl: SERVER_URL, dbName: DB_NAME, databaseUrl: DATABASE_URL, keep: opts.keep, log });
}

await runBench({ main, cleanup, log });
