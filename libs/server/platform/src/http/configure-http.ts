import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { csrfProtection } from './csrf';
import { AllExceptionsFilter } from './exception.filter';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { createValidationPipe } from './validation';

export const API_PREFIX = 'api';
/** The largest JSON body the api reads. */
export const JSON_BODY_LIMIT = '600kb';
export const OPENAPI_PATH = 'api/docs';

/** Content Security Policy: no inline or foreign scripts; styles inline only (Angular Material). */
export function contentSecurityPolicy(config: AppConfig): Record<string, string[] | null> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'upgrade-insecure-requests': config.servedOverHttps ? [] : null,
  };
}

/** Everything the HTTP app needs besides its modules: headers, compression, validation, errors, docs, web. */
export function configureHttpApp(app: NestExpressApplication, config: AppConfig): void {
  app.set('trust proxy', config.TRUST_PROXY);
  // Room for a people list pasted from a spreadsheet (500 rows); anything larger is a 413.
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config) },
      // Only where people reach the portal over HTTPS: HSTS on plain http would lock them out.
      strictTransportSecurity: config.servedOverHttps ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      crossOriginEmbedderPolicy: false,
      frameguard: { action: 'deny' },
    }),
  );
  app.use(compression());
  app.use(cookieParser());
  app.use(csrfProtection(config, API_PREFIX));
  applyGlobalPrefix(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  // Signed-in POST/PUT/PATCH with an Idempotency-Key run once per key (double submits, retries).
  app.useGlobalInterceptors(new IdempotencyInterceptor(app.get(DataSource)));
  app.enableShutdownHooks();

  if (config.openApiEnabled) {
    SwaggerModule.setup(OPENAPI_PATH, app, () => buildOpenApiDocument(app), {
      jsonDocumentUrl: `${OPENAPI_PATH}/openapi.json`,
      customSiteTitle: 'SmartRegion Portal API',
    });
  }
  serveWebApp(app, config);
}

/** Every route lives under /api except the health probes (also used for the OpenAPI document). */
export function applyGlobalPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
}

/** The OpenAPI document generated from the controllers and DTOs. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = new DocumentBuilder()
    .setTitle('SmartRegion Portal API')
    .setDescription('REST API of the SmartRegion Portal (Landesinitiative Smart City / Smart Region Sachsen-Anhalt).')
    .setVersion('0.1.0')
    // The HttpOnly session cookie (named __Host-srp_session over HTTPS); state changes also need X-XSRF-TOKEN.
    .addCookieAuth('srp_session', { type: 'apiKey', in: 'cookie', name: 'srp_session' }, 'session')
    .build();
  return SwaggerModule.createDocument(app, document, {
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}${methodKey.replace(/^./, (c) => c.toUpperCase())}`,
  });
}

/**
 * In production the api serves the built Angular app from the same origin: hashed assets with
 * long caching, index.html (never cached) for every other GET that is not /api or /health.
 */
function serveWebApp(app: NestExpressApplication, config: AppConfig): void {
  const dir = resolve(config.WEB_DIST_DIR);
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return;
  app.use(
    express.static(dir, {
      index: false,
      setHeaders: (res, path) => {
        res.setHeader(
          'Cache-Control',
          /-[0-9A-Z]{8,}\.(js|css)$/i.test(path) || path.includes('/media/')
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isAppRoute =
      (req.method === 'GET' || req.method === 'HEAD') &&
      !req.path.startsWith(`/${API_PREFIX}/`) &&
      req.path !== `/${API_PREFIX}` &&
      !req.path.startsWith('/health/') &&
      req.accepts('html') === 'html';
    if (!isAppRoute) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
