import { DatabaseSchema } from '@srp/server/platform';
import { MembershipEvent } from './membership-event.entity';
import { Organizations1764200000000 } from './migrations/1764200000000-organizations';
import { Organization } from './organization.entity';

export const ORGANIZATIONS_SCHEMA: DatabaseSchema = {
  entities: [Organization, MembershipEvent],
  migrations: [Organizations1764200000000],
};
