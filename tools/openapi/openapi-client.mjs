#!/usr/bin/env node
// The OpenAPI document comes from the api's code; the Angular client is generated from it.
//   write: regenerate apps/web/src/app/api/openapi.json and the client in generated/
//   check: regenerate into a temp folder and fail if anything differs from what is committed
// Needs a built api (npm run build:api): the document is produced by `main.js openapi`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const apiDir = join(root, 'apps/web/src/app/api');
const specFile = join(apiDir, 'openapi.json');
const clientDir = join(apiDir, 'generated');
const mode = process.argv[2];

function buildSpec() {
  const main = join(root, 'dist/apps/api/main.js');
  if (!existsSync(main)) throw new Error('dist/apps/api/main.js is missing: run "npm run build:api" first');
  return execFileSync(process.execPath, [main, 'openapi'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'development' },
  });
}

function generateClient(spec, outDir) {
  const work = mkdtempSync(join(tmpdir(), 'srp-openapi-'));
  const input = join(work, 'openapi.json');
  writeFileSync(input, spec);
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/ng-openapi-gen/lib/index.js'),
      '-c',
      join(import.meta.dirname, 'ng-openapi-gen.json'),
      '-i',
      input,
      '-o',
      outDir,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  rmSync(work, { recursive: true, force: true });
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

function diffDirs(expectedDir, actualDir) {
  const expected = listFiles(expectedDir);
  const actual = listFiles(actualDir);
  const problems = [];
  for (const file of new Set([...expected, ...actual])) {
    const a = join(expectedDir, file);
    const b = join(actualDir, file);
    if (!existsSync(a)) problems.push(`unexpected file ${relative(root, b)}`);
    else if (!existsSync(b)) problems.push(`missing file ${relative(root, b)}`);
    else if (readFileSync(a, 'utf8') !== readFileSync(b, 'utf8')) problems.push(`differs: ${relative(root, b)}`);
  }
  return problems;
}

const spec = buildSpec();
if (mode === 'write') {
  writeFileSync(specFile, spec);
  const out = mkdtempSync(join(tmpdir(), 'srp-client-'));
  generateClient(spec, out);
  rmSync(clientDir, { recursive: true, force: true });
  cpSync(out, clientDir, { recursive: true });
  rmSync(out, { recursive: true, force: true });
  console.log(
    `Wrote ${relative(root, specFile)} and ${listFiles(clientDir).length} files in ${relative(root, clientDir)}.`,
  );
} else if (mode === 'check') {
  const problems = [];
  if (!existsSync(specFile) || readFileSync(specFile, 'utf8') !== spec)
    problems.push(`differs: ${relative(root, specFile)}`);
  const out = mkdtempSync(join(tmpdir(), 'srp-client-'));
  generateClient(spec, out);
  problems.push(...diffDirs(out, clientDir));
  rmSync(out, { recursive: true, force: true });
  if (problems.length) {
    console.error(
      `The API changed but the Angular client was not regenerated:\n  ${problems.join('\n  ')}\nRun "npm run api:generate" and commit the result.`,
    );
    process.exit(1);
  }
  console.log('OpenAPI document and Angular client match the api.');
} else {
  console.error('usage: openapi-client.mjs write|check');
  process.exit(2);
}
