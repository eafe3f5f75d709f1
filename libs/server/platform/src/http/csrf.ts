import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { ERROR_CATALOGUE } from './error-codes';

/** Angular's defaults: it reads this cookie and sends its value in this header on every change. */
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function signature(nonce: string, secret: string): string {
  return createHmac('sha256', secret).update(`xsrf:${nonce}`).digest('base64url');
}

/** A new token: a random nonce and its HMAC, so only this server can mint valid ones. */
export function createXsrfToken(secret: string): string {
  const nonce = randomBytes(18).toString('base64url');
  return `${nonce}.${signature(nonce, secret)}`;
}

export function isValidXsrfToken(token: unknown, secret: string): token is string {
  if (typeof token !== 'string') return false;
  const [nonce, mac, extra] = token.split('.');
  if (!nonce || !mac || extra !== undefined) return false;
  const expected = Buffer.from(signature(nonce, secret));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Signed double-submit CSRF protection for /api: every response without a valid XSRF-TOKEN cookie
 * gets one; every state-changing request must echo it in the X-XSRF-TOKEN header, or gets 403.
 */
export function csrfProtection(config: AppConfig, apiPrefix: string): RequestHandler {
  const secret = config.secretKey;
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path !== `/${apiPrefix}` && !req.path.startsWith(`/${apiPrefix}/`)) return next();
    const cookie: unknown = (req.cookies as Record<string, unknown> | undefined)?.[XSRF_COOKIE];
    const valid = isValidXsrfToken(cookie, secret);
    if (!valid) {
      res.cookie(XSRF_COOKIE, createXsrfToken(secret), {
        httpOnly: false, // Angular must read it
        sameSite: 'lax',
        secure: config.servedOverHttps,
        path: '/',
      });
    }
    if (SAFE_METHODS.has(req.method)) return next();
    // The signed token in the path is the only authority there (no cookie, no session): mail
    // clients post RFC 8058 one-click unsubscribes without any cookie, so CSRF cannot apply.
    if (req.path.startsWith(`/${apiPrefix}/unsubscribe/`)) return next();
    const header = req.get(XSRF_HEADER);
    if (valid && header && sameToken(header, cookie)) return next();
    const correlationId = String(res.getHeader('x-request-id') ?? randomUUID());
    res.status(ERROR_CATALOGUE.CSRF_FAILED.status).json({
      code: 'CSRF_FAILED',
      message: ERROR_CATALOGUE.CSRF_FAILED.message,
      details: {},
      correlationId,
    });
  };
}
