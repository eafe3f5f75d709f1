import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, PlatformModule, WorkerRuntimeModule } from '@srp/server/platform';
import { APP_SCHEMA, WORKER_HANDLER_MODULES } from '@srp/server/schema';

/** The worker: platform services plus every job handler and scheduler; no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot({ config, schema: APP_SCHEMA }), WorkerRuntimeModule, ...WORKER_HANDLER_MODULES],
    };
  }
}
