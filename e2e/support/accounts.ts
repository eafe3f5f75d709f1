import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Page, expect } from '@playwright/test';
import pg from 'pg';

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

export interface PersonOptions {
  role: 'admin' | 'coordinator' | 'member';
  /** AGS of the person's municipality (all 218 are imported before the e2e portal starts). */
  ags?: string;
  isContact?: boolean;
}

/**
 * A person as the portal would have them after an invitation was accepted: an account (created
 * with the api CLI) with role, organisation and contact flag set in the e2e database. For the
 * preconditions of a journey; the journey itself goes through the UI.
 */
export async function createPerson(name: string, password: string, options: PersonOptions): Promise<TestAccount> {
  const account = createAccount(name, password, options.role);
  const client = new pg.Client({ connectionString: e2eEnv()['DATABASE_URL'] });
  await client.connect();
  try {
    const updated = await client.query(
      `UPDATE account SET role = $2, is_contact = $3,
              organization_id = (SELECT id FROM organization WHERE ags = $4)
        WHERE email = $1 RETURNING organization_id`,
      [account.email, options.role, options.isContact ?? false, options.ags ?? null],
    );
    if (options.ags && !updated.rows[0]?.organization_id) throw new Error(`No organisation with AGS ${options.ags}`);
  } finally {
    await client.end();
  }
  return account;
}

/** Sets a municipality's membership directly (precondition of a journey, e.g. "Halle takes part"). */
export async function setMembership(ags: string, status: 'none' | 'active'): Promise<void> {
  const client = new pg.Client({ connectionString: e2eEnv()['DATABASE_URL'] });
  await client.connect();
  try {
    await client.query(
      `UPDATE organization SET membership_status = $2, membership_changed_at = now(), version = version + 1 WHERE ags = $1`,
      [ags, status],
    );
  } finally {
    await client.end();
  }
}

/** Makes an existing person a lead (Sprecher*in) of the UAG with this number (precondition). */
export async function makeLead(email: string, groupNumber: number): Promise<void> {
  const client = new pg.Client({ connectionString: e2eEnv()['DATABASE_URL'] });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO group_membership (group_id, account_id, role, status, joined_at)
       SELECT g.id, a.id, 'lead', 'active', now() FROM working_group g, account a
        WHERE g.number = $2 AND a.email = $1`,
      [email, groupNumber],
    );
  } finally {
    await client.end();
  }
}

/**
 * Makes an existing person an active member (not a lead) of the UAG with this number
 * (precondition, as if their request had been approved or their contact had put them there).
 */
export async function makeMember(email: string, groupNumber: number): Promise<void> {
  const client = new pg.Client({ connectionString: e2eEnv()['DATABASE_URL'] });
  await client.connect();
  try {
    const inserted = await client.query(
      `INSERT INTO group_membership (group_id, account_id, role, status, joined_at)
       SELECT g.id, a.id, 'member', 'active', now() FROM working_group g, account a
        WHERE g.number = $2 AND a.email = $1`,
      [email, groupNumber],
    );
    // A typo in the e-mail or the number would otherwise only show much later, as a missing button.
    if (inserted.rowCount !== 1) throw new Error(`Could not add ${email} to UAG ${groupNumber}`);
  } finally {
    await client.end();
  }
}
