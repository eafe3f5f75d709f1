import { DynamicModule, Module } from '@nestjs/common';
import { GroupsHttpModule } from '@srp/server/groups';
import { IdentityHttpModule } from '@srp/server/identity';
import { OrganizationsHttpModule } from '@srp/server/organizations';
import { AppConfig, HealthModule, PlatformModule, SiteModule } from '@srp/server/platform';
import { APP_SCHEMA } from '@srp/server/schema';
import { TasksHttpModule } from '@srp/server/tasks';
import { MeetingsHttpModule } from '@srp/server/meetings';
import { MinutesHttpModule } from '@srp/server/minutes';
import { NotificationsHttpModule } from '@srp/server/notifications';

/** The api: platform services plus every domain module with its controllers. */
@Module({})
export class AppModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ config, schema: APP_SCHEMA }),
        IdentityHttpModule,
        OrganizationsHttpModule,
        GroupsHttpModule,
        TasksHttpModule,
        MeetingsHttpModule,
        MinutesHttpModule,
        NotificationsHttpModule,
        HealthModule,
        SiteModule,
      ],
    };
  }
}
