import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, PlatformModule, WorkerRuntimeModule } from '@srp/server/platform';
import { APP_SCHEMA } from '@srp/server/schema';
import { NotificationsWorkerModule } from '@srp/server/notifications';
import { TasksWorkerModule } from '@srp/server/tasks';

/** The worker: platform services plus every job handler and scheduler; no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot({ config, schema: APP_SCHEMA }),
        WorkerRuntimeModule,
        TasksWorkerModule,
        NotificationsWorkerModule,
      ],
    };
  }
}
