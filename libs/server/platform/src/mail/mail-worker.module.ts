import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { MailDeliveryHandler } from './mail-delivery.handler';
import { MailReconcileHandler } from './mail-reconcile.handler';
import { createMailTransport, MAIL_TRANSPORT, MailTransport } from './mail-transport';

/** Mail delivery and reconciliation job handlers: wired into the worker only. */
@Module({
  providers: [
    { provide: MAIL_TRANSPORT, inject: [AppConfig], useFactory: createMailTransport },
    MailDeliveryHandler,
    MailReconcileHandler,
  ],
  exports: [MailDeliveryHandler, MailReconcileHandler],
})
export class MailWorkerModule implements OnApplicationShutdown {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
