// CPU profiles of a benchmarked Node process: a preload script that starts and stops V8's sampling
// profiler on SIGUSR2 (so only the measured window is profiled), and a summary of the profile by
// package and by function (self time).
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * CommonJS preload (`node --require <file>`): the first SIGUSR2 starts the profiler, the second
 * stops it and writes the profile to $BENCH_PROFILE_FILE (the process keeps running).
 */
const PRELOAD = `'use strict';
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');
const session = new inspector.Session();
session.connect();
let running = false;
process.on('SIGUSR2', () => {
  if (!running) {
    running = true;
    session.post('Profiler.enable', () =>
      session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')));
  } else {
    running = false;
    session.post('Profiler.stop', (error, result) => {
      writeFileSync(process.env.BENCH_PROFILE_FILE, error ? JSON.stringify({ error: error.message }) : JSON.stringify(result.profile));
    });
  }
});
`;

export function writeProfilerPreload(file) {
  writeFileSync(file, PRELOAD);
  return file;
}

/** The package a call frame belongs to: an npm package, node itself, the app bundle, or V8's own buckets. */
function bucketOf(frame) {
  const url = frame.url ?? '';
  if (!url) {
    if (frame.functionName === '(garbage collector)') return 'garbage collection';
    if (frame.functionName === '(idle)') return 'idle (waiting for I/O)';
    if (frame.functionName === '(program)') return 'V8/native (program)';
    return `native: ${frame.functionName || '(anonymous)'}`;
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node core';
  if (/dist\/apps\/[^/]+\/main\.js$/.test(url)) return 'app code (bundle)';
  return url.replace(/^file:\/\//, '');
}

/**
 * Self time by bucket and by function, in % of the profiled time; `idle` is the share the process
 * waited (for PostgreSQL, Redis, SMTP). Times come from the samples and their time deltas.
 */
export function summariseProfile(file, top = 30) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  if (profile.error) return { error: profile.error };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const buckets = new Map();
  const functions = new Map();
  for (const [id, us] of self) {
    const frame = byId.get(id).callFrame;
    const bucket = bucketOf(frame);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + us);
    const where = frame.url ? `${bucket}:${frame.lineNumber + 1}` : bucket;
    const name = `${frame.functionName || '(anonymous)'} (${where})`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const pct = (us) => Math.round((1000 * us) / total) / 10;
  const sorted = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, pct: pct(us), ms: Math.round(us / 1000) }));
  return { seconds: Math.round(total / 1e5) / 10, buckets: sorted(buckets), functions: sorted(functions) };
}
