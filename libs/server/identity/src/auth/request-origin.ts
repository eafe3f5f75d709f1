import type { Request } from 'express';
import { SessionOrigin } from '../sessions/session.service';

/** Client address (as the trusted proxies report it) and browser of a request. */
export function requestOrigin(request: Request): SessionOrigin {
  return { ip: request.ip ?? null, userAgent: request.get('user-agent') ?? null };
}

/** The audit origin of a change an actor makes through a request. */
export function actorOrigin(actor: { accountId: string }, request: Request) {
  return { actorId: actor.accountId, ...requestOrigin(request) };
}
