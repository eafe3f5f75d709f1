import { DatabaseSchema } from '@srp/server/platform';
import { GroupMembership } from './group-membership.entity';
import { Groups1764210000000 } from './migrations/1764210000000-groups';
import { WorkingGroup } from './working-group.entity';

export const GROUPS_SCHEMA: DatabaseSchema = {
  entities: [WorkingGroup, GroupMembership],
  migrations: [Groups1764210000000],
};
