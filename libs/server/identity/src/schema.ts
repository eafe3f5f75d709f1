import { DatabaseSchema } from '@srp/server/platform';
import { Account } from './accounts/account.entity';
import { AuditEvent } from './audit/audit-event.entity';
import { Session } from './sessions/session.entity';
import { Identity1764170000000 } from './migrations/1764170000000-identity';
import { IdentityTokensTotp1764180000000 } from './migrations/1764180000000-identity-tokens-totp';
import { PersonProfile1764190000000 } from './migrations/1764190000000-person-profile';
import { AccountToken } from './tokens/account-token.entity';

export const IDENTITY_SCHEMA: DatabaseSchema = {
  entities: [Account, Session, AuditEvent, AccountToken],
  migrations: [Identity1764170000000, IdentityTokensTotp1764180000000, PersonProfile1764190000000],
};
