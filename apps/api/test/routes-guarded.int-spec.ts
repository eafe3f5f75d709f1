import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, NestFactory, Reflector } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { IS_PUBLIC } from '@srp/server/platform';
import { testConfig } from '@srp/server/testing';
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
      const declared = reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]) === true;
      routes.push({ route: `${verb} ${controller.name}.${method} (${path})`, declared });
    }
  }
  await app.close();
  return routes;
}

describe('deny by default', () => {
  it('every registered route declares a permission or an explicit public marker', async () => {
    const routes = await listRoutes();
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.filter((r) => !r.declared).map((r) => r.route)).toEqual([]);
  });
});
