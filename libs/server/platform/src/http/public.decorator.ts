import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'srp:isPublic';

/**
 * Marks a route (or controller) as reachable without signing in. Every other route is denied by
 * the global AccessGuard until it declares the permission it needs.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
