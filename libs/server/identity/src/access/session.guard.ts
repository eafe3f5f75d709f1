import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, IS_PUBLIC } from '@srp/server/platform';
import type { Request } from 'express';
import { Actor, SessionService } from '../sessions/session.service';
import { Action, can } from './policy';
import { REQUIRED_PERMISSION } from './require-permission.decorator';

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
    if (!request.actor) throw new DomainError('UNAUTHENTICATED');
    const action = this.reflector.getAllAndOverride<Action | undefined>(REQUIRED_PERMISSION, targets);
    if (!action || !can(request.actor, action)) throw new DomainError('FORBIDDEN');
    return true;
  }
}
