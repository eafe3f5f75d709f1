import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import {
  AppConfig,
  applyGlobalPrefix,
  buildOpenApiDocument,
  migrateDatabase,
  PlatformModule,
  TestMailService,
} from '@srp/server/platform';
import { APP_SCHEMA } from '@srp/server/schema';
import { DataSource } from 'typeorm';
import { AppModule } from '../app/app.module';

export const CLI_COMMANDS = ['db:migrate', 'mail:test', 'openapi'] as const;
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
