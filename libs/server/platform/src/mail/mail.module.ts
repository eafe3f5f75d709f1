import { Global, Module } from '@nestjs/common';
import { MailOutboxService } from './mail-outbox.service';
import { TestMailService } from './test-mail.service';

/** Recording e-mails (api and worker). Delivery lives in MailWorkerModule, loaded by the worker only. */
@Global()
@Module({ providers: [MailOutboxService, TestMailService], exports: [MailOutboxService, TestMailService] })
export class MailModule {}
