import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DatabaseSchema } from './database/schema';
import { DomainEventsModule } from './events/domain-events';
import { LoggerModule } from './logging/logger.module';
import { MailModule } from './mail/mail.module';
import { QueueModule } from './queue/queue.module';

/** Configuration, logging, database, queue producer and mail outbox: what api and worker share. */
@Module({})
export class PlatformModule {
  /** `schema`: every entity and migration of the app (libs/server/schema); `config` defaults to the environment. */
  static forRoot(options: { schema: DatabaseSchema; config?: AppConfig }): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(options.config),
        LoggerModule,
        DatabaseModule.forRoot(options.schema),
        QueueModule,
        MailModule,
        DomainEventsModule,
      ],
      exports: [MailModule, DomainEventsModule],
    };
  }
}
