import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Page, expect } from '@playwright/test';

/** The repository root: the api CLI runs from there, like `npm run admin:create`. */
const ROOT = resolve(__dirname, '..', '..');

/** Same server, database and secret as the portal the e2e config starts (see playwright.config.ts). */
function e2eEnv(): NodeJS.ProcessEnv {
  const databaseUrl = new URL(process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  databaseUrl.pathname = '/srp_e2e';
  return {
    ...process.env,
    DATABASE_URL: databaseUrl.toString(),
    DATABASE_MIGRATE_ON_START: 'false',
    REDIS_URL: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: 'srp-e2e',
    MAIL_DIR: 'e2e/artifacts/mail',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    SECRET_KEY: 'e2e-secret-key-0123456789abcdef0123456789abcdef',
  };
}

export interface TestAccount {
  email: string;
  name: string;
  password: string;
}

/**
 * Creates an account with the built api CLI (`node dist/apps/api/main.js admin:create`), as an
 * operator would. The e-mail address gets a random part, so every call makes a new account.
 */
export function createAccount(name: string, password: string, emailPrefix = 'person'): TestAccount {
  const email = `${emailPrefix}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.example.org`;
  try {
    execFileSync(
      process.execPath,
      ['dist/apps/api/main.js', 'admin:create', '--email', email, '--name', name, '--password', password],
      { cwd: ROOT, env: e2eEnv(), stdio: 'pipe', timeout: 60_000 },
    );
  } catch (error) {
    const output = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `admin:create failed for ${email}: ${output.stderr?.toString() ?? ''} ${output.stdout?.toString() ?? ''}`.trim(),
    );
  }
  return { email, name, password };
}

/** Signs in through the real sign-in form and waits until the portal shows the person. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  if (!page.url().includes('/anmelden')) {
    await page.goto('/anmelden');
  }
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await expect(page.getByRole('button', { name: /Benutzermenü/ })).toBeVisible();
}
