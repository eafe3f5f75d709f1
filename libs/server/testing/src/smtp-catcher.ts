import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

export interface CaughtMail {
  to: string[];
  parsed: ParsedMail;
  raw: string;
}

export interface SmtpCatcherOptions {
  /** Answer the next N messages with this SMTP code (e.g. 451 temporary, 550 permanent). */
  failNext?: { count: number; code: number };
  /** Hold each message this long before accepting it (to catch a sender mid-delivery). */
  delayMs?: number;
}

/** A real SMTP server on a free local port that keeps what it receives. */
export class SmtpCatcher {
  readonly messages: CaughtMail[] = [];
  /** Messages whose DATA phase began (accepted or not). */
  started = 0;
  private failuresLeft: number;
  private server!: SMTPServer;
  port = 0;

  constructor(private readonly options: SmtpCatcherOptions = {}) {
    this.failuresLeft = options.failNext?.count ?? 0;
  }

  /** From now on, answers the next `count` messages with `code` (e.g. 451 temporary, 550 permanent). */
  failNext(count: number, code: number): void {
    this.options.failNext = { count, code };
    this.failuresLeft = count;
  }

  /** Messages to one address. */
  to(address: string): CaughtMail[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()) || m.to.includes(address));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}?ignoreTLS=true`;
  }

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // A client killed mid-DATA must not become an unhandled rejection.
      onData: (stream, session, callback) =>
        void this.receive(stream, session, callback).catch((e: Error) => callback(e)),
    });
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  private async receive(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (error?: Error | null) => void,
  ): Promise<void> {
    this.started++;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));
    if (this.failuresLeft > 0 && this.options.failNext) {
      this.failuresLeft--;
      const error = new Error(
        this.options.failNext.code >= 500 ? 'Mailbox unavailable' : 'Try again later',
      ) as Error & { responseCode: number };
      error.responseCode = this.options.failNext.code;
      callback(error);
      return;
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    this.messages.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed: await simpleParser(raw), raw });
    callback();
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
