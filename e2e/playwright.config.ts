import { defineConfig } from '@playwright/test';

/** Port, database and Redis prefix of the portal the e2e tests start (never the dev instance). */
export const E2E_PORT = Number(process.env['E2E_PORT'] ?? 3300);
export const E2E_DATABASE = 'srp_e2e';
export const E2E_SMTP_PORT = Number(process.env['E2E_SMTP_PORT'] ?? 3325);
const pgServer = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseUrl = new URL(pgServer);
databaseUrl.pathname = `/${E2E_DATABASE}`;

export default defineConfig({
  testDir: './tests',
  outputDir: './artifacts/results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  // Sign-in (argon2 hashing) and the first page load take longer than Playwright's default 5 s
  // when the two cores also run the api, the worker, PostgreSQL and Redis.
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: './artifacts/report', open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      // German date and time fields (TT.MM.JJJJ, 24 h) as our users see them; needs chromium-l10n.
      env: { ...process.env, LANGUAGE: 'de' },
      args: [
        '--lang=de',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      // Catches the portal's e-mail over real SMTP (the worker delivers to it).
      command: 'node smtp-catcher.mjs',
      port: E2E_SMTP_PORT,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      // A fresh database with the municipalities an operator imports, then the same launcher as
      // `npm start` on the already built apps.
      command:
        'node reset-e2e-state.mjs && node ../dist/apps/api/main.js data:import-municipalities ' +
        '--file ../data/reference/sachsen-anhalt-gemeinden.csv && node ../tools/launcher/start.mjs --no-build',
      url: `http://127.0.0.1:${E2E_PORT}/health/ready`,
      timeout: 120_000,
      reuseExistingServer: false,
      // Let the launcher stop api and worker (their own process groups) instead of a SIGKILL.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(E2E_PORT),
        DATABASE_URL: databaseUrl.toString(),
        REDIS_URL: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
        REDIS_PREFIX: 'srp-e2e',
        SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}?ignoreTLS=true`,
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        SECRET_KEY: 'e2e-secret-key-0123456789abcdef0123456789abcdef',
        PUBLIC_URL: `http://127.0.0.1:${E2E_PORT}`,
        // Notifications go out within seconds instead of after the two-minute batch window.
        NOTIFY_BATCH_SECONDS: '2',
        REMINDER_SWEEP_MS: '500',
      },
    },
  ],
});
