import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import {
  AppConfig,
  DomainError,
  applyGlobalPrefix,
  buildOpenApiDocument,
  migrateDatabase,
  PlatformModule,
  TestMailService,
} from '@srp/server/platform';
import { AccountsService, CLI_ORIGIN, IdentityModule } from '@srp/server/identity';
import { MunicipalityImportService, OrganizationsModule, parseMunicipalityCsv } from '@srp/server/organizations';
import { APP_SCHEMA } from '@srp/server/schema';
import { DataSource } from 'typeorm';
import { AppModule } from '../app/app.module';

export const CLI_COMMANDS = [
  'db:migrate',
  'mail:test',
  'admin:create',
  'demo:seed',
  'openapi',
  'data:import-municipalities',
] as const;

/** The reference list shipped with the portal (see data/reference/README.md). */
export const MUNICIPALITIES_CSV = 'data/reference/sachsen-anhalt-gemeinden.csv';

/** The demo admin `npm start` creates in an empty development database (README, "Demo data"). */
export const DEMO_ADMIN = {
  email: 'admin@demo.smartregion.example',
  name: 'Demo-Administration',
  password: 'Demo-Zugang 2026!',
};
type Command = (typeof CLI_COMMANDS)[number];

/** Commands of the api bundle: `node dist/apps/api/main.js <command> [options]`. */
export async function runCli(command: Command, args: string[], config: AppConfig): Promise<number> {
  switch (command) {
    case 'db:migrate': {
      const result = await migrateDatabase(config, APP_SCHEMA);
      if (result.createdDatabase) console.log('Created the database.');
      console.log(
        result.applied.length
          ? `Applied migrations: ${result.applied.join(', ')}`
          : 'The database schema is up to date.',
      );
      return 0;
    }
    case 'mail:test':
      return sendTestMail(args, config);
    case 'admin:create':
      return createAdmin(args, config);
    case 'demo:seed':
      return seedDemo(config);
    case 'data:import-municipalities':
      return importMunicipalities(args, config);
    case 'openapi': {
      // Preview mode builds the module graph without instantiating providers: no database needed.
      const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false });
      applyGlobalPrefix(app);
      process.stdout.write(`${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
      await app.close();
      return 0;
    }
  }
}

async function sendTestMail(args: string[], config: AppConfig): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { to: { type: 'string' }, wait: { type: 'boolean', default: false } },
  });
  const to = values.to?.trim();
  if (!to || !/^[^\s@]+@[^\s@]+$/.test(to)) {
    console.error('Usage: npm run mail:test -- --to someone@example.org [--wait]');
    return 2;
  }
  if (config.DATABASE_MIGRATE_ON_START) await migrateDatabase(config, APP_SCHEMA);
  const app = await NestFactory.createApplicationContext(PlatformModule.forRoot({ config, schema: APP_SCHEMA }), {
    logger: ['error', 'warn'],
  });
  try {
    const row = await app.get(TestMailService).send(to, 'Kommandozeile (mail:test)');
    console.log(`Test e-mail ${row.id} recorded and queued for ${to}; the worker delivers it.`);
    if (!values.wait) return 0;
    const dataSource = app.get(DataSource);
    for (let i = 0; i < 60; i++) {
      const [current] = await dataSource.query('SELECT status, last_error FROM mail_outbox WHERE id = $1', [row.id]);
      if (['sent', 'failed', 'uncertain'].includes(current.status)) {
        console.log(`Status: ${current.status}${current.last_error ? ` (${current.last_error})` : ''}`);
        return current.status === 'sent' ? 0 : 1;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    console.error('Not delivered within 60 s: is the worker running (npm start)?');
    return 1;
  } finally {
    await app.close();
  }
}

/** Asks on the terminal; with `hidden`, typed characters are not echoed (passwords). */
async function ask(question: string, hidden = false): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  if (hidden) {
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    output._writeToOutput = (s: string) => {
      if (s.startsWith(question)) process.stdout.write(question);
    };
  }
  try {
    return (await rl.question(question)).trim();
  } finally {
    if (hidden) process.stdout.write('\n');
    rl.close();
  }
}

/** `admin:create --email a@b.de --name "Erika Muster" [--password …]`; asks for what is missing on a terminal. */
async function createAdmin(args: string[], config: AppConfig): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
  });
  const interactive = process.stdin.isTTY === true;
  const email = (values.email ?? (interactive ? await ask('E-Mail-Adresse: ') : undefined))?.trim();
  const name = values.name ?? (interactive ? await ask('Name: ') : undefined);
  const password = values.password ?? (interactive ? await ask('Passwort (mindestens 8 Zeichen): ', true) : undefined);
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email) || !name || !password) {
    console.error('Usage: npm run admin:create -- --email admin@example.org --name "Erika Muster" --password "…"');
    return 2;
  }
  if (config.DATABASE_MIGRATE_ON_START) await migrateDatabase(config, APP_SCHEMA);
  const app = await NestFactory.createApplicationContext(
    {
      module: class AdminCliModule {},
      imports: [PlatformModule.forRoot({ config, schema: APP_SCHEMA }), IdentityModule],
    },
    { logger: ['error', 'warn'] },
  );
  try {
    const account = await app
      .get(AccountsService)
      .create({ email, name, password, role: 'admin', status: 'active' }, CLI_ORIGIN);
    console.log(`Created the admin account ${account.email} (${account.id}).`);
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      const details = Array.isArray(error.details) ? error.details.map((d) => d.message).join(' ') : '';
      console.error(`${error.message} ${details}`.trim());
      return 1;
    }
    throw error;
  } finally {
    await app.close();
  }
}

/**
 * First run of `npm start`: migrates and, in an empty non-production database, creates the
 * documented demo admin. Never touches a database that already has accounts.
 */
async function seedDemo(config: AppConfig): Promise<number> {
  if (config.isProduction) {
    console.error('demo:seed refuses to run with NODE_ENV=production.');
    return 2;
  }
  await migrateDatabase(config, APP_SCHEMA);
  const app = await NestFactory.createApplicationContext(
    {
      module: class DemoSeedModule {},
      imports: [PlatformModule.forRoot({ config, schema: APP_SCHEMA }), IdentityModule, OrganizationsModule],
    },
    { logger: ['error', 'warn'] },
  );
  try {
    const [{ count: organizations }] = await app
      .get(DataSource)
      .query('SELECT count(*)::int AS count FROM organization');
    if (organizations === 0) {
      const { records } = parseMunicipalityCsv(readFileSync(MUNICIPALITIES_CSV, 'utf8'));
      const report = await app.get(MunicipalityImportService).import(records, CLI_ORIGIN, MUNICIPALITIES_CSV);
      console.log(`Loaded ${report.created} municipalities of Sachsen-Anhalt from ${MUNICIPALITIES_CSV}.`);
    }
    const [{ count }] = await app.get(DataSource).query('SELECT count(*)::int AS count FROM account');
    if (count > 0) return 0;
    await app.get(AccountsService).create({ ...DEMO_ADMIN, role: 'admin', status: 'active' }, CLI_ORIGIN);
    console.log(`Created the demo admin ${DEMO_ADMIN.email} (password: ${DEMO_ADMIN.password}).`);
    return 0;
  } finally {
    await app.close();
  }
}

/**
 * `data:import-municipalities [--file path] [--dry-run]`: loads the municipalities of Sachsen-Anhalt.
 * Idempotent: known keys are updated, new ones created, keys missing from the file retired.
 */
async function importMunicipalities(args: string[], config: AppConfig): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { file: { type: 'string', default: MUNICIPALITIES_CSV }, 'dry-run': { type: 'boolean', default: false } },
  });
  const file = values.file ?? MUNICIPALITIES_CSV;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    console.error(`Cannot read ${file}. Usage: npm run data:import-municipalities -- [--file path/to/file.csv]`);
    return 2;
  }
  const { records, errors } = parseMunicipalityCsv(text);
  for (const e of errors) console.error(`${file}:${e.line}: ${e.message}`);
  if (errors.length) {
    console.error(`${errors.length} invalid row(s): nothing imported. Fix the file and run again.`);
    return 1;
  }
  if (values['dry-run']) {
    console.log(`${records.length} valid municipalities in ${file}; dry run, nothing imported.`);
    return 0;
  }
  if (config.DATABASE_MIGRATE_ON_START) await migrateDatabase(config, APP_SCHEMA);
  const app = await NestFactory.createApplicationContext(
    {
      module: class ImportCliModule {},
      imports: [PlatformModule.forRoot({ config, schema: APP_SCHEMA }), OrganizationsModule],
    },
    { logger: ['error', 'warn'] },
  );
  try {
    const r = await app.get(MunicipalityImportService).import(records, CLI_ORIGIN, file);
    console.log(
      `Imported ${records.length} municipalities from ${file}: ${r.created} new, ${r.updated} updated, ` +
        `${r.unchanged} unchanged, ${r.reactivated} reactivated, ${r.retired} retired.`,
    );
    return 0;
  } finally {
    await app.close();
  }
}
