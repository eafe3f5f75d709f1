import { Controller, Get, RequestMethod, Type } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, NestFactory, Reflector } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { REQUIRED_PERMISSION } from '@srp/server/identity';
import { configureHttpApp, IS_PUBLIC } from '@srp/server/platform';
import { clearRedisPrefix, createTestDatabase, testConfig } from '@srp/server/testing';
import { AppModule } from '../src/app/app.module';

/** Every route the api registers, with whether it declares access (public marker or permission). */
async function listRoutes(): Promise<Array<{ route: string; declared: boolean }>> {
  const app = await NestFactory.create(AppModule.forRoot(testConfig()), { preview: true, logger: false });
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const routes: Array<{ route: string; declared: boolean }> = [];
  const controllers = [...app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()]);
  for (const wrapper of controllers) {
    const controller = wrapper.metatype as Type<object>;
    for (const method of scanner.getAllMethodNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, () => unknown>)[method];
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      if (path === undefined) continue;
      const verb = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const declared =
        reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]) === true ||
        reflector.getAllAndOverride<string>(REQUIRED_PERMISSION, [handler, controller]) !== undefined;
      routes.push({ route: `${verb} ${controller.name}.${method} (${path})`, declared });
    }
  }
  await app.close();
  return routes;
}

@Controller('probe')
class ProbeController {
  /** A route someone forgot to declare access for. */
  @Get()
  undeclared(): string {
    return 'should never be reachable';
  }
}

describe('deny by default', () => {
  it('the global guard answers 401 for a route without any access declaration', async () => {
    const db = await createTestDatabase();
    const config = testConfig({ DATABASE_URL: db.url });
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot(config)],
      controllers: [ProbeController],
    }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    configureHttpApp(app, config);
    await app.listen(0, '127.0.0.1');
    try {
      const response = await fetch(`${await app.getUrl()}/api/probe`);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      await app.close();
      await clearRedisPrefix(config.REDIS_PREFIX);
      await db.drop();
    }
  });

  it('every registered route declares a permission or an explicit public marker', async () => {
    const routes = await listRoutes();
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.filter((r) => !r.declared).map((r) => r.route)).toEqual([]);
  });
});
