import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalised)) return true;
  if (['false', '0', 'no', 'off'].includes(normalised)) return false;
  return value;
};

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * The whole configuration of api and worker, read once from the environment at start-up.
 * Every field maps to the environment variable of the same name; `.env.example` documents them.
 * Fields listed in SECRET_KEYS are never logged in clear.
 */
export class AppConfig {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @IsString()
  @IsNotEmpty()
  HOST = '127.0.0.1';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** The URL people reach the portal at; used in e-mails and links. */
  @Matches(/^https?:\/\/[^\s/]+(:\d+)?(\/[^\s]*)?$/, { message: 'must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/smartregion';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Transform(toBoolean)
  @IsBoolean()
  DATABASE_MIGRATE_ON_START = true;

  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Key prefix for every BullMQ queue: lets several installations (or test runs) share one Redis. */
  @Matches(/^[a-z0-9_-]{1,32}$/i, { message: 'must be 1-32 letters, digits, - or _' })
  REDIS_PREFIX = 'srp';

  /** SMTP connection URL (smtp:// or smtps://). Empty: mail is written as .eml files to MAIL_DIR. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  @IsNotEmpty()
  MAIL_FROM = 'SmartRegion Portal <portal@localhost>';

  @IsString()
  @IsNotEmpty()
  MAIL_DIR = '.data/mail';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** Serve the OpenAPI document and UI at /api/docs. Defaults to off in production. */
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean()
  OPENAPI_ENABLED?: boolean;

  @IsString()
  @IsNotEmpty()
  WEB_DIST_DIR = 'dist/apps/web/browser';

  /** Folder with impressum.md, datenschutz.md, barrierefreiheit.md (operator-edited texts). */
  @IsString()
  @IsNotEmpty()
  LEGAL_DIR = 'config/legal';

  /**
   * Jobs of one queue one worker process runs at once (mail: MAIL_CONCURRENCY). Most jobs wait on
   * PostgreSQL; 10 keeps a burst of 10,000 reminders inside its budget (docs/performance.md).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  WORKER_CONCURRENCY = 10;

  /**
   * Mail jobs one worker process runs at once, and the SMTP connections it keeps open and reuses
   * (nodemailer pool: one per job, so a claimed mail never waits for a connection). A new
   * connection per e-mail would cost a greeting, EHLO and often STARTTLS each time, which caps a
   * burst of reminders far below what the mail server can take.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  MAIL_CONCURRENCY = 10;

  /** Seconds several task assignments, @mentions or changes to a meeting collect before they go out as one message. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3600)
  NOTIFY_BATCH_SECONDS = 120;

  /** Milliseconds between two sweeps for due reminders (each due reminder is late by at most about this). */
  @Type(() => Number)
  @IsInt()
  @Min(200)
  @Max(60_000)
  REMINDER_SWEEP_MS = 2_000;

  /** Minutes without a request after which a session ends. */
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES = 60;

  /** Hours after sign-in after which a session ends, however active. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  SESSION_ABSOLUTE_HOURS = 12;

  /**
   * Key for signing (CSRF tokens) and encrypting (second-factor secrets), at least 32 characters.
   * Required in production; elsewhere a fixed development key is used.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @Matches(/^.{32,}$/, { message: 'must be at least 32 characters long' })
  SECRET_KEY?: string;

  get secretKey(): string {
    return this.SECRET_KEY ?? 'development-only-secret-key-do-not-use-in-production';
  }

  /**
   * Which proxies' X-Forwarded-For to trust for the client address (Express syntax: `loopback`,
   * a subnet like `10.0.0.0/8`, a hop count). Trusting too much lets clients forge their IP.
   */
  @IsString()
  @IsNotEmpty()
  TRUST_PROXY = 'loopback';

  /** People reach the portal over HTTPS (PUBLIC_URL): enables HSTS, Secure and __Host- cookies. */
  get servedOverHttps(): boolean {
    return this.PUBLIC_URL.startsWith('https://');
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get openApiEnabled(): boolean {
    return this.OPENAPI_ENABLED ?? !this.isProduction;
  }
}

/** Keys whose values may carry credentials. */
export const SECRET_KEYS: ReadonlyArray<keyof AppConfig> = ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'SECRET_KEY'];
