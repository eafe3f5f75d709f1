import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, configureHttpApp } from '@srp/server/platform';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';

/** Builds the configured HTTP application (not yet listening); used by main and by tests. */
export async function createApiApp(
  config: AppConfig,
  options: { logger?: boolean } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
    logger: options.logger === false ? false : undefined,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  configureHttpApp(app, config);
  return app;
}
