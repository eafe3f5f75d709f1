import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Action } from './policy';

export const REQUIRED_PERMISSION = 'srp:requiredPermission';

/**
 * Declares the action a route performs: the global guard lets only signed-in actors through whom
 * the policy allows it, and the OpenAPI document shows the cookie requirement and the 401/403.
 */
export const RequirePermission = (action: Action) =>
  applyDecorators(
    SetMetadata(REQUIRED_PERMISSION, action),
    ApiCookieAuth('session'),
    ApiUnauthorizedResponse({ description: 'Not signed in' }),
    ApiForbiddenResponse({ description: `Requires permission "${action}"` }),
  );

export const ALLOW_PENDING_SECOND_FACTOR = 'srp:allowPendingSecondFactor';

/** Lets a session whose second factor is still pending use this route (complete or end the sign-in). */
export const AllowPendingSecondFactor = () => SetMetadata(ALLOW_PENDING_SECOND_FACTOR, true);
