import { AppMeta } from './app-meta.entity';
import { MailOutbox } from '../mail/mail-outbox.entity';
import { InitialPlatform1764162000000 } from './migrations/1764162000000-initial-platform';

/**
 * Every entity and migration, listed explicitly (no globs) so that they survive bundling.
 * Later domains append theirs here.
 */
export const ENTITIES = [AppMeta, MailOutbox];
export const MIGRATIONS = [InitialPlatform1764162000000];
