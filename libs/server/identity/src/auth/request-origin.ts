import type { Request } from 'express';
import { SessionOrigin } from '../sessions/session.service';

/** Client address (as the trusted proxies report it) and browser of a request. */
export function requestOrigin(request: Request): SessionOrigin {
  return { ip: request.ip ?? null, userAgent: request.get('user-agent') ?? null };
}
