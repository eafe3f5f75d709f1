import { MigrationInterface } from 'typeorm';
import { AppMeta } from './app-meta.entity';
import { MailOutbox } from '../mail/mail-outbox.entity';
import { InitialPlatform1764162000000 } from './migrations/1764162000000-initial-platform';

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
  entities: [AppMeta, MailOutbox],
  migrations: [InitialPlatform1764162000000],
};

/** Joins the schemas of several libs; migrations run in timestamp order whatever the lib order. */
export function combineSchemas(...parts: DatabaseSchema[]): DatabaseSchema {
  return {
    entities: parts.flatMap((p) => p.entities),
    migrations: parts.flatMap((p) => p.migrations),
  };
}
