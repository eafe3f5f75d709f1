import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';

/** Injection token of the MailTransport (SMTP or files), provided in the worker. */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Stable Message-ID (with angle brackets) so a resend is recognisable as the same mail. */
  messageId: string;
  headers?: Record<string, string>;
  attachments?: Array<{ filename: string; contentType: string; content: string }>;
}

/** Where mail goes: an SMTP server, or .eml files when no SMTP_URL is configured. */
export interface MailTransport {
  readonly kind: 'smtp' | 'file';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A delivery failure the SMTP server called permanent (5xx): retrying will not help. */
export function isPermanentMailError(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function createMailTransport(config: AppConfig): MailTransport {
  return config.SMTP_URL ? new SmtpMailTransport(config) : new FileMailTransport(config);
}

class SmtpMailTransport implements MailTransport {
  readonly kind = 'smtp';
  private readonly transporter: Transporter;

  constructor(private readonly config: AppConfig) {
    const url = config.SMTP_URL as string;
    this.transporter = createTransport({
      url,
      // Reuse connections: a burst of 10,000 reminders is not 10,000 SMTP handshakes.
      pool: true,
      maxConnections: config.MAIL_CONCURRENCY,
      // Servers often limit messages per connection; a fresh connection after 100 stays well inside.
      maxMessages: 100,
      // Close a connection nobody used for a while, before the server drops it under us.
      idleTimeout: 15_000,
      // Shorter than the worker's shutdown grace and the job lock, so a hung server cannot outlast them.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
      // Local catchers and internal relays often run without TLS; smtps:// still enforces it.
      ignoreTLS: new URL(url).searchParams.get('ignoreTLS') === 'true',
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({ from: this.config.MAIL_FROM, ...mail });
  }

  close(): void {
    this.transporter.close();
  }
}

class FileMailTransport implements MailTransport {
  readonly kind = 'file';
  private readonly transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  private readonly dir: string;

  constructor(private readonly config: AppConfig) {
    this.dir = resolve(config.MAIL_DIR);
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = (await this.transporter.sendMail({ from: this.config.MAIL_FROM, ...mail })) as { message: Buffer };
    await mkdir(this.dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const safeId = mail.messageId.replace(/[^a-zA-Z0-9._-]/g, '_');
    const target = join(this.dir, `${stamp}_${safeId}.eml`);
    // Write then rename, so a reader never sees half a file.
    await writeFile(`${target}.tmp`, info.message);
    await rename(`${target}.tmp`, target);
  }

  close(): void {
    this.transporter.close();
  }
}
