import { Injectable } from '@nestjs/common';
import { MailOutbox } from './mail-outbox.entity';
import { MailOutboxService } from './mail-outbox.service';
import { MailTemplateName } from './mail-templates';

/** "Send a test e-mail": proves the path api → outbox row → queue → worker → SMTP. */
@Injectable()
export class TestMailService {
  constructor(private readonly outbox: MailOutboxService) {}

  async send(to: string, requestedBy: string): Promise<MailOutbox> {
    return this.outbox.queue({
      to,
      template: MailTemplateName.TestMail,
      params: { requestedAt: new Date().toISOString(), requestedBy },
    });
  }
}
