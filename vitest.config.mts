import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Path aliases from tsconfig.base.json, so tests import libs exactly as the apps do.
const { compilerOptions } = JSON.parse(readFileSync(resolve(import.meta.dirname, 'tsconfig.base.json'), 'utf8'));
const alias = Object.fromEntries(
  Object.entries(compilerOptions.paths as Record<string, string[]>).map(([name, [target]]) => [
    name,
    resolve(import.meta.dirname, target),
  ]),
);

// Server tests (web unit tests run through Angular's own builder: `nx test web`).
export default defineConfig({
  plugins: [
    // SWC keeps decorator metadata, which Nest's dependency injection needs.
    swc.vite({
      module: { type: 'es6' },
      jsc: { target: 'es2022', keepClassNames: true, transform: { legacyDecorator: true, decoratorMetadata: true } },
    }),
  ],
  resolve: { alias },
  test: {
    environment: 'node',
    setupFiles: ['reflect-metadata'],
    watch: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['libs/**/src/**/*.spec.ts', 'apps/{api,worker}/src/**/*.spec.ts', 'tools/**/*.spec.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['libs/**/*.int-spec.ts', 'apps/{api,worker}/test/**/*.int-spec.ts'],
          globalSetup: ['tools/testing/integration-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
    ],
  },
});
