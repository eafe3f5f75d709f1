import { combineSchemas, PLATFORM_SCHEMA } from '@srp/server/platform';
import { IDENTITY_SCHEMA } from '@srp/server/identity';
import { ORGANIZATIONS_SCHEMA } from '@srp/server/organizations';
import { GROUPS_SCHEMA } from '@srp/server/groups';
import { TASKS_SCHEMA, TasksWorkerModule } from '@srp/server/tasks';
import { MEETINGS_SCHEMA } from '@srp/server/meetings';
import { MINUTES_SCHEMA } from '@srp/server/minutes';
import { NOTIFICATIONS_SCHEMA, NotificationsWorkerModule } from '@srp/server/notifications';

/** Every entity and migration of the portal, in the domains' dependency order. */
export const APP_SCHEMA = combineSchemas(
  PLATFORM_SCHEMA,
  IDENTITY_SCHEMA,
  ORGANIZATIONS_SCHEMA,
  GROUPS_SCHEMA,
  TASKS_SCHEMA,
  MEETINGS_SCHEMA,
  MINUTES_SCHEMA,
  NOTIFICATIONS_SCHEMA,
);

/**
 * The domains' job handler modules the worker loads (apps/worker and tests that run the worker
 * in-process compose the same list; the worker refuses to start while a job has no handler).
 */
export const WORKER_HANDLER_MODULES = [TasksWorkerModule, NotificationsWorkerModule];
