import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppConfig, createRedisConnection, loadConfigOrExit, migrateDatabase } from '@srp/server/platform';
import { APP_SCHEMA } from '@srp/server/schema';
import { Logger } from 'nestjs-pino';
import { Client } from 'pg';
import { WorkerModule } from './app/app.module';

/** Exit 0 when PostgreSQL and Redis answer: the container health check of the worker. */
async function healthcheck(config: AppConfig): Promise<number> {
  const pg = new Client({ connectionString: config.DATABASE_URL, connectionTimeoutMillis: 3000 });
  const redis = createRedisConnection(config.REDIS_URL, 'check');
  try {
    await pg.connect();
    await pg.query('SELECT 1');
    await redis.ping();
    return 0;
  } catch (error) {
    console.error(`unhealthy: ${(error as Error).message}`);
    return 1;
  } finally {
    await pg.end().catch(() => undefined);
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (process.argv[2] === 'healthcheck') {
    process.exit(await healthcheck(config));
  }
  if (config.DATABASE_MIGRATE_ON_START) await migrateDatabase(config, APP_SCHEMA);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  app.get(Logger).log('SmartRegion Portal worker started');
}

main().catch((error: unknown) => {
  console.error('The worker could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
