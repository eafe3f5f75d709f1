import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { DomainError } from '../domain-error';

/** The request header that makes a POST, PUT or PATCH safe to repeat. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on an answer that was stored for an earlier request with the same key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
/** How long a key and its stored answer count; older rows are ignored and replaced. */
export const IDEMPOTENCY_RETENTION_HOURS = 24;
/** How long a repetition waits for the first request to finish before it gives up. */
export const IDEMPOTENCY_WAIT_MS = 15_000;
const POLL_MS = 50;
/**
 * A row still pending after this long belongs to a request that never finished (the process
 * ended, or storing the answer failed): it is taken over rather than blocking the key for a day.
 * Far longer than any request may run (statements time out after 30 s).
 */
const ABANDONED_AFTER_SECONDS = 120;

const METHODS = new Set(['POST', 'PUT', 'PATCH']);
/** 1–128 printable ASCII characters (a UUID, as the web app sends, is one of them). */
const KEY_PATTERN = /^[\x20-\x7e]{1,128}$/;

/** The request as far as a key concerns it: the same key must always come with the same request. */
export interface IdempotentRequestScope {
  accountId: string;
  key: string;
  method: string;
  path: string;
  bodyHash: string;
}

type Claim = { kind: 'first'; id: string } | { kind: 'replay'; status: number; body: unknown };

interface StoredRow {
  id: string;
  method: string;
  path: string;
  body_hash: string;
  state: 'pending' | 'done';
  response_status: number | null;
  response_body: unknown;
  expired: boolean;
  abandoned: boolean;
}

/** The header's value, or a 400 when it is not 1–128 printable ASCII characters. */
export function parseIdempotencyKey(value: string | string[]): string {
  if (typeof value !== 'string' || !KEY_PATTERN.test(value)) {
    throw new DomainError(
      'BAD_REQUEST',
      'Der Idempotency-Key muss aus 1 bis 128 druckbaren ASCII-Zeichen (ohne Umlaute) bestehen.',
      { header: IDEMPOTENCY_KEY_HEADER },
    );
  }
  return value;
}

/** JSON with object keys sorted at every level, so that key order does not make a different request. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** SHA-256 (hex) of the body's canonical JSON. */
export function bodyHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** The signed-in account the session guard put on the request (`request.actor.accountId`), if any. */
function accountIdOf(request: Request): string | undefined {
  const actor = (request as Request & { actor?: { accountId?: unknown } | null }).actor;
  return typeof actor?.accountId === 'string' ? actor.accountId : undefined;
}

/** Answers that are not plain JSON (files, streams) are not stored: their requests run unprotected. */
function isStorable(body: unknown): boolean {
  return !(body instanceof StreamableFile || body instanceof Readable || Buffer.isBuffer(body));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Double submits create one object: a signed-in POST, PUT or PATCH with an `Idempotency-Key`
 * header runs once per account and key. The first request claims the key (a pending row), runs,
 * and stores its 2xx answer; repetitions (also concurrent ones, which wait for the first) get that
 * answer again with `Idempotent-Replayed: true`. A first request that fails releases the key, so a
 * corrected retry with it may succeed. The same key with another method, URL or body is a 409.
 * Requests without the header, or without a session, pass through untouched.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(private readonly db: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const header = request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
    if (header === undefined || !METHODS.has(request.method)) return next.handle();
    const accountId = accountIdOf(request);
    if (!accountId) return next.handle();
    const scope: IdempotentRequestScope = {
      accountId,
      key: parseIdempotencyKey(header),
      method: request.method,
      path: request.originalUrl,
      bodyHash: bodyHash(request.body),
    };

    return from(this.claim(scope)).pipe(
      mergeMap((claim) => {
        if (claim.kind === 'replay') {
          response.status(claim.status);
          response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
          return of(claim.body);
        }
        return next.handle().pipe(
          mergeMap((body) => from(this.complete(claim.id, response, body))),
          catchError((error: unknown) => from(this.release(claim.id)).pipe(mergeMap(() => throwError(() => error)))),
        );
      }),
    );
  }

  /** Claims the key, or waits for the request that holds it and returns its answer. */
  private async claim(scope: IdempotentRequestScope): Promise<Claim> {
    // Old rows of this account are dropped here rather than by a job: their keys count no longer.
    await this.db.query(
      `DELETE FROM idempotent_request WHERE account_id = $1 AND created_at < now() - make_interval(hours => $2)`,
      [scope.accountId, IDEMPOTENCY_RETENTION_HOURS],
    );
    const deadline = Date.now() + IDEMPOTENCY_WAIT_MS;
    for (;;) {
      const inserted: Array<{ id: string }> = await this.db.query(
        `INSERT INTO idempotent_request (account_id, key, method, path, body_hash) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (account_id, key) DO NOTHING RETURNING id`,
        [scope.accountId, scope.key, scope.method, scope.path, scope.bodyHash],
      );
      if (inserted.length) return { kind: 'first', id: inserted[0].id };
      const replay = await this.awaitHolder(scope, deadline);
      if (replay) return replay;
      // The holder released the key (it failed) or its row was stale: try to claim it again.
    }
  }

  /** Polls the row that holds the key until it is done; undefined once it is gone or stale. */
  private async awaitHolder(scope: IdempotentRequestScope, deadline: number): Promise<Claim | undefined> {
    for (;;) {
      const rows: StoredRow[] = await this.db.query(
        `SELECT id, method, path, body_hash, state, response_status, response_body,
                created_at < now() - make_interval(hours => $3) AS expired,
                state = 'pending' AND created_at < now() - make_interval(secs => $4) AS abandoned
           FROM idempotent_request WHERE account_id = $1 AND key = $2`,
        [scope.accountId, scope.key, IDEMPOTENCY_RETENTION_HOURS, ABANDONED_AFTER_SECONDS],
      );
      const row = rows[0];
      if (!row) return undefined;
      if (row.expired || row.abandoned) {
        await this.db.query(`DELETE FROM idempotent_request WHERE id = $1 AND state = $2`, [row.id, row.state]);
        return undefined;
      }
      if (row.method !== scope.method || row.path !== scope.path || row.body_hash !== scope.bodyHash) {
        throw new DomainError(
          'CONFLICT',
          'Dieser Idempotency-Key wurde bereits für eine andere Anfrage verwendet. Bitte laden Sie die Seite neu und prüfen Sie, ob Ihre Eingaben schon gespeichert sind.',
          { header: IDEMPOTENCY_KEY_HEADER },
        );
      }
      if (row.state === 'done') return { kind: 'replay', status: row.response_status ?? 200, body: row.response_body };
      if (Date.now() >= deadline) {
        throw new DomainError(
          'CONFLICT',
          'Dieselbe Anfrage wird noch bearbeitet. Bitte versuchen Sie es gleich noch einmal.',
          { header: IDEMPOTENCY_KEY_HEADER },
        );
      }
      await sleep(POLL_MS);
    }
  }

  /** Stores a 2xx JSON answer for the repetitions; anything else releases the key. */
  private async complete(id: string, response: Response, body: unknown): Promise<unknown> {
    const status = response.statusCode;
    if (status < 200 || status > 299 || response.headersSent || !isStorable(body)) {
      await this.release(id);
      return body;
    }
    try {
      // Stored as it is sent (dates as strings); a text parameter, so that arrays stay JSON arrays.
      // One-time secrets (a guest's link) are not kept: a repetition gets the object without them.
      const json = body === undefined || body === null ? null : JSON.stringify(withoutSecrets(body));
      await this.db.query(
        `UPDATE idempotent_request SET state = 'done', response_status = $2, response_body = $3::jsonb WHERE id = $1`,
        [id, status, json],
      );
    } catch (error) {
      // The object exists; the answer still goes out. The pending row is taken over later.
      this.logger.warn({ err: error, idempotentRequestId: id }, 'could not store the answer of an idempotent request');
    }
    return body;
  }

  private async release(id: string): Promise<void> {
    try {
      await this.db.query(`DELETE FROM idempotent_request WHERE id = $1`, [id]);
    } catch (error) {
      this.logger.warn({ err: error, idempotentRequestId: id }, 'could not release an idempotency key');
    }
  }
}

/** Top-level answer fields that carry one-time secrets and are never stored. */
const SECRET_RESPONSE_FIELDS = ['guestLinks'];

function withoutSecrets(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const field of SECRET_RESPONSE_FIELDS) if (field in copy) copy[field] = [];
  return copy;
}
