import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { LoggerModule } from './logging/logger.module';
import { MailModule } from './mail/mail.module';
import { QueueModule } from './queue/queue.module';

/** Configuration, logging, database, queue producer and mail outbox: what api and worker share. */
@Module({})
export class PlatformModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [ConfigModule.forRoot(config), LoggerModule, DatabaseModule, QueueModule, MailModule],
      exports: [MailModule],
    };
  }
}
