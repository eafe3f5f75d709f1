import { MigrationInterface } from 'typeorm';
import { AppMeta } from './app-meta.entity';
import { MailOutbox } from '../mail/mail-outbox.entity';
import { IdempotentRequest } from '../http/idempotency/idempotent-request.entity';
import { InitialPlatform1764162000000 } from './migrations/1764162000000-initial-platform';
import { Idempotency1764245000000 } from './migrations/1764245000000-idempotency';
import { MailOutboxExtras1764249000000 } from './migrations/1764249000000-mail-outbox-extras';

/**
 * Entities and migrations of one lib, listed explicitly (no globs) so that they survive bundling.
 * Each domain exports its own; `libs/server/schema` combines them in ARCHITECTURE.md's order.
 */
export interface DatabaseSchema {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: Function[];
  migrations: Array<new () => MigrationInterface>;
}

export const PLATFORM_SCHEMA: DatabaseSchema = {
  entities: [AppMeta, MailOutbox, IdempotentRequest],
  migrations: [InitialPlatform1764162000000, Idempotency1764245000000, MailOutboxExtras1764249000000],
};

/** The 13-digit timestamp TypeORM reads from the end of a migration's class name. */
const timestampOf = (migration: new () => MigrationInterface): number => Number(migration.name.slice(-13));

/**
 * Joins the schemas of several libs. Migrations run in timestamp order whatever the lib order (a
 * lib may add a migration after later libs did), so they are listed in that order too.
 */
export function combineSchemas(...parts: DatabaseSchema[]): DatabaseSchema {
  return {
    entities: parts.flatMap((p) => p.entities),
    migrations: parts.flatMap((p) => p.migrations).sort((a, b) => timestampOf(a) - timestampOf(b)),
  };
}
