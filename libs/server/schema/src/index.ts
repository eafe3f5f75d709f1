import { combineSchemas, PLATFORM_SCHEMA } from '@srp/server/platform';
import { IDENTITY_SCHEMA } from '@srp/server/identity';

/** Every entity and migration of the portal. */
export const APP_SCHEMA = combineSchemas(PLATFORM_SCHEMA, IDENTITY_SCHEMA);
