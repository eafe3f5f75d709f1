import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, IS_PUBLIC } from '@srp/server/platform';
import type { Request } from 'express';
import { Actor, SessionService } from '../sessions/session.service';
import { Action, can, isPrivileged } from './policy';
import { ALLOW_PENDING_SECOND_FACTOR, REQUIRED_PERMISSION } from './require-permission.decorator';

export type RequestWithActor = Request & { actor?: Actor | null };

/**
 * The global guard of the api: resolves the session cookie to an actor, lets @Public() routes
 * through, and otherwise requires a session and the route's declared permission. A route that
 * declares neither is never reachable.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const cookies = request.cookies as Record<string, string> | undefined;
    request.actor = await this.sessions.resolve(cookies?.[this.sessions.cookieName]);

    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const actor = request.actor;
    if (!actor) throw new DomainError('UNAUTHENTICATED');
    if (actor.secondFactorPending && !this.reflector.getAllAndOverride<boolean>(ALLOW_PENDING_SECOND_FACTOR, targets)) {
      throw new DomainError('SECOND_FACTOR_REQUIRED');
    }
    const action = this.reflector.getAllAndOverride<Action | undefined>(REQUIRED_PERMISSION, targets);
    if (!action || !can(actor, action)) throw new DomainError('FORBIDDEN');
    if (isPrivileged(action) && actor.role !== 'member' && !actor.secondFactorEnabled) {
      throw new DomainError('SECOND_FACTOR_SETUP_REQUIRED');
    }
    return true;
  }
}
