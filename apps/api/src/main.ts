import 'reflect-metadata';
import { AppConfig, loadConfigOrExit, migrateDatabase, redactConfig } from '@srp/server/platform';
import { APP_SCHEMA } from '@srp/server/schema';
import { Logger } from 'nestjs-pino';
import { createApiApp } from './app/create-api-app';
import { CLI_COMMANDS, runCli } from './cli/run-cli';

async function serve(config: AppConfig): Promise<void> {
  if (config.DATABASE_MIGRATE_ON_START) await migrateDatabase(config, APP_SCHEMA);
  const app = await createApiApp(config);
  await app.listen(config.PORT, config.HOST);
  const logger = app.get(Logger);
  logger.log({ msg: 'effective configuration (secrets masked)', config: redactConfig(config) });
  logger.log(
    `SmartRegion Portal api listening on http://${config.HOST}:${config.PORT} (public URL ${config.PUBLIC_URL})`,
  );
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const [command, ...args] = process.argv.slice(2);
  if (!command) return serve(config);
  if (!(CLI_COMMANDS as readonly string[]).includes(command)) {
    console.error(`Unknown command "${command}". Known: ${CLI_COMMANDS.join(', ')}.`);
    process.exit(2);
  }
  process.exitCode = await runCli(command as (typeof CLI_COMMANDS)[number], args, config);
}

main().catch((error: unknown) => {
  console.error('The api could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
