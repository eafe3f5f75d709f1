import { DatabaseSchema } from '@srp/server/platform';
import { Decision } from './entities/decision.entity';
import { MinutesEntry } from './entities/minutes-entry.entity';
import { MinutesApproval, MinutesComment } from './entities/minutes-review.entity';
import { MinutesRevision } from './entities/minutes-revision.entity';
import { Minutes } from './entities/minutes.entity';
import { Minutes1764240000000 } from './migrations/1764240000000-minutes';

export const MINUTES_SCHEMA: DatabaseSchema = {
  entities: [Minutes, MinutesEntry, MinutesApproval, MinutesComment, MinutesRevision, Decision],
  migrations: [Minutes1764240000000],
};
