import { DatabaseSchema } from '@srp/server/platform';
import { Account } from './accounts/account.entity';
import { AuditEvent } from './audit/audit-event.entity';
import { Session } from './sessions/session.entity';
import { Identity1764170000000 } from './migrations/1764170000000-identity';

export const IDENTITY_SCHEMA: DatabaseSchema = {
  entities: [Account, Session, AuditEvent],
  migrations: [Identity1764170000000],
};
