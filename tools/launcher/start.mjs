#!/usr/bin/env node
// Runs the whole portal: finds or starts PostgreSQL and Redis, builds, starts api (serving the
// web app) and worker, prints the URL, and stops everything it started on Ctrl-C.
//   node tools/launcher/start.mjs            production build, like `npm start`
//   node tools/launcher/start.mjs --dev      watch mode: nx serve api, worker and web (`npm run dev`)
//   node tools/launcher/start.mjs --no-build reuse dist/ (used by the e2e tests)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatLogLine } from './log-format.mjs';
import { findPostgres, findRedis } from './services.mjs';

const root = resolve(import.meta.dirname, '../..');
process.chdir(root);
const { values: flags } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'no-seed': { type: 'boolean', default: false },
  },
});

if (existsSync('.env')) process.loadEnvFile('.env');
mkdirSync('.data', { recursive: true });

const children = [];
const cleanups = [];
let stopping = false;

function say(message) {
  process.stdout.write(`\x1b[1m[portal]\x1b[0m ${message}\n`);
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  say('Stopping …');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', done);
          signalGroup(child, 'SIGTERM');
          // Shorter than the e2e runner's grace period, so nothing outlives the launcher.
          setTimeout(() => signalGroup(child, 'SIGKILL'), 20_000).unref();
        }),
    ),
  );
  for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => say(`cleanup failed: ${e.message}`));
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

/** Signals a child's whole process group (nx and npx do not pass signals on to what they run). */
function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

function run(name, command, args, env) {
  // Own process group: Ctrl-C reaches only the launcher, which then stops each group in order.
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(child);
  const pipe = (stream, out) => {
    let buffer = '';
    stream.on('data', (chunk) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) out.write(`${formatLogLine(name, line)}\n`);
    });
  };
  pipe(child.stdout, process.stdout);
  pipe(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    say(`${name} exited (${code ?? signal}); stopping the portal.`);
    void stopAll(code || 1);
  });
  return child;
}

async function waitForReady(url, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(`${url}/health/ready`);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function main() {
  const postgres = await findPostgres(root, say);
  if (postgres.stop) cleanups.push(postgres.stop);
  const redis = await findRedis(root, say);
  if (redis.stop) cleanups.push(redis.stop);

  const port = process.env.PORT ?? '3000';
  const env = {
    ...process.env,
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    PORT: port,
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
    CI: process.env.CI ?? 'true',
    NX_NO_CLOUD: 'true',
    NX_DAEMON: 'false',
  };

  if (flags.dev) {
    say('Development mode: api and worker rebuild on change; the web app is served with live reload.');
    run(
      'nx',
      'npx',
      ['nx', 'run-many', '-t', 'serve', '-p', 'api', 'worker', 'web', '--parallel=3', '--output-style=stream'],
      env,
    );
    const ready = await waitForReady(`http://127.0.0.1:${port}`, 300_000);
    if (ready)
      say(
        `SmartRegion Portal (development) is running: http://localhost:4200  (api: http://localhost:${port}/api/docs)`,
      );
    return;
  }

  if (!flags['no-build']) {
    say('Building api, worker and web (cached after the first run) …');
    const build = spawnSync(
      'npx',
      ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker', 'web', '--output-style=static'],
      {
        env,
        stdio: 'inherit',
      },
    );
    if (build.status !== 0) {
      say('The build failed; see above.');
      return stopAll(1);
    }
  }
  for (const file of ['dist/apps/api/main.js', 'dist/apps/worker/main.js', 'dist/apps/web/browser/index.html']) {
    if (!existsSync(file)) {
      say(`${file} is missing: run without --no-build.`);
      return stopAll(1);
    }
  }

  // First run: migrate and create the documented demo admin in an empty development database.
  if (env.NODE_ENV !== 'production' && !flags['no-seed']) {
    const seed = spawnSync(process.execPath, ['dist/apps/api/main.js', 'demo:seed'], { env, stdio: 'inherit' });
    if (seed.status !== 0) {
      say('Seeding the demo data failed; see above.');
      return stopAll(1);
    }
  }
  // The api migrates under an advisory lock before it listens; the worker waits on the same lock.
  run('api', process.execPath, ['dist/apps/api/main.js'], env);
  run('worker', process.execPath, ['dist/apps/worker/main.js'], env);
  if (await waitForReady(`http://127.0.0.1:${port}`)) {
    say('');
    say(`SmartRegion Portal is running: ${env.PUBLIC_URL}`);
    say(`  PostgreSQL: ${postgres.description}`);
    say(`  Redis:      ${redis.description}`);
    say(
      `  E-mail:     ${env.SMTP_URL ? 'SMTP (SMTP_URL)' : `written as .eml files to ${env.MAIL_DIR ?? '.data/mail'}`}`,
    );
    if (env.NODE_ENV !== 'production') {
      say('  Demo sign-in: admin@demo.smartregion.example / Demo-Zugang 2026! (only in a database without accounts)');
    }
    say('  Stop with Ctrl-C.');
  } else if (!stopping) {
    say('The portal did not become ready within 2 minutes; see the log above.');
    await stopAll(1);
  }
}

main().catch((error) => {
  say(error.message);
  void stopAll(1);
});
