#!/usr/bin/env node
// Fails when a package the server bundles load at run time is missing from the production
// install (`npm ci --omit=dev`). Run by the Dockerfile's runtime stage, from /app:
//   node tools/compose/check-runtime-deps.mjs [appRoot=.]
//
// Webpack leaves npm packages external; Nx writes each bundle's imports to
// dist/apps/<app>/package.json (generatePackageJson). A package imported by our code but only
// present through a dev dependency works in development and crashes in the image
// ("Cannot find module"): this check turns that into a build error.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? '.');
const appsDir = path.join(root, 'dist', 'apps');

/** Node's lookup from dist/apps/<app>/main.js: every node_modules folder up to the root. */
function isInstalled(dependency, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules', dependency, 'package.json'))) return true;
    if (dir === path.dirname(dir)) return false;
  }
}

const missing = [];
let checked = 0;
for (const app of existsSync(appsDir) ? readdirSync(appsDir) : []) {
  const manifest = path.join(appsDir, app, 'package.json');
  if (!existsSync(manifest) || !existsSync(path.join(appsDir, app, 'main.js'))) continue;
  const { dependencies = {} } = JSON.parse(readFileSync(manifest, 'utf8'));
  for (const dependency of Object.keys(dependencies)) {
    checked++;
    if (!isInstalled(dependency, path.join(appsDir, app))) missing.push(`${app}: ${dependency}`);
  }
}

if (checked === 0) {
  console.error(`No server bundle with a generated package.json found under ${appsDir}.`);
  process.exit(1);
}
if (missing.length > 0) {
  console.error(
    'Packages the server bundles import are missing from the production install.\n' +
      'Add them to "dependencies" in package.json (not devDependencies) and update package-lock.json:\n  ' +
      missing.join('\n  '),
  );
  process.exit(1);
}
console.log(`Runtime dependencies present (${checked} checked).`);
