#!/usr/bin/env node
// `npm test`: every tier in order, stopping at the first failure, with a timing summary.
import { spawnSync } from 'node:child_process';

const steps = [
  ['lint', 'npm run -s lint'],
  ['format', 'npm run -s format:check'],
  ['typecheck', 'npm run -s typecheck'],
  ['build', 'npm run -s build'],
  ['api client drift', 'npm run -s api:check'],
  ['unit', 'npm run -s test:unit'],
  ['integration', 'npm run -s test:int'],
  ['e2e', 'npm run -s test:e2e'],
];

const only = process.argv.slice(2);
const env = {
  ...process.env,
  CI: process.env.CI ?? 'true',
  NX_NO_CLOUD: 'true',
  NX_DAEMON: 'false',
  VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
};
const results = [];
for (const [name, command] of steps) {
  if (only.length && !only.includes(name)) continue;
  process.stdout.write(`\n\x1b[1m=== ${name}: ${command}\x1b[0m\n`);
  const started = Date.now();
  const { status } = spawnSync(command, { shell: true, stdio: 'inherit', env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push(`${status === 0 ? 'ok  ' : 'FAIL'} ${name.padEnd(18)} ${seconds.padStart(6)} s`);
  if (status !== 0) break;
}
process.stdout.write(`\n${results.join('\n')}\n`);
const failed = results.some((r) => r.startsWith('FAIL'));
process.stdout.write(failed ? 'npm test: FAILED\n' : 'npm test: all tiers passed\n');
process.exit(failed ? 1 : 0);
