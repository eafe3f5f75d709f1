import { ArgumentsHost, Logger, NotFoundException } from '@nestjs/common';
import { IsEmail, IsInt, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error';
import { AllExceptionsFilter, isUnavailableError } from './exception.filter';
import { createValidationPipe } from './validation';

class Inner {
  @IsInt()
  count!: number;
}

class Outer {
  @IsEmail()
  email!: string;

  @ValidateNested()
  @Type(() => Inner)
  inner!: Inner;
}

function respond(exception: unknown) {
  const captured: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const response = {
    headersSent: false,
    getHeader: () => undefined,
    setHeader: (k: string, v: string) => (captured.headers[k] = v),
    status(code: number) {
      captured.status = code;
      return this;
    },
    json(body: unknown) {
      captured.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ id: 'req-1', method: 'GET', originalUrl: '/x' }),
      getResponse: () => response,
    }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return captured;
}

describe('validation pipe', () => {
  it('reports every invalid and every unknown field with a stable code and a German message', async () => {
    const pipe = createValidationPipe();
    const error = await pipe
      .transform({ email: 'nope', inner: { count: 'x' }, role: 'admin' }, { type: 'body', metatype: Outer })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('VALIDATION_FAILED');
    expect((error as DomainError).details).toHaveLength(3);
    expect((error as DomainError).details).toEqual(
      expect.arrayContaining([
        { field: 'email', code: 'isEmail', message: '„email“ muss eine gültige E-Mail-Adresse sein.' },
        { field: 'inner.count', code: 'isInt', message: '„inner.count“ muss eine ganze Zahl sein.' },
        { field: 'role', code: 'whitelistValidation', message: '„role“ ist kein erlaubtes Feld.' },
      ]),
    );
  });
});

describe('exception filter', () => {
  Logger.overrideLogger(false);

  it('passes domain errors through with their code and details', () => {
    const out = respond(new DomainError('CONFLICT', undefined, { version: 3 }));
    expect(out.status).toBe(409);
    expect(out.body).toEqual({
      code: 'CONFLICT',
      message: 'Jemand anderes hat diesen Eintrag inzwischen geändert. Bitte laden Sie ihn neu.',
      details: { version: 3 },
      correlationId: 'req-1',
    });
  });

  it('maps framework exceptions by status', () => {
    expect(respond(new NotFoundException('Cannot GET /x')).body).toMatchObject({ code: 'NOT_FOUND', details: {} });
  });

  it('answers unexpected errors generically, without message, stack or SQL', () => {
    const out = respond(new Error('syntax error at or near "SELEC" in SELECT * FROM secrets'));
    expect(out.status).toBe(500);
    expect(JSON.stringify(out.body)).not.toMatch(/SELEC|secrets|at /);
    expect(out.body).toMatchObject({ code: 'INTERNAL_ERROR', message: 'Es ist ein unerwarteter Fehler aufgetreten.' });
  });

  it('answers 503 when the database is unreachable', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isUnavailableError(error)).toBe(true);
    expect(respond(error).status).toBe(503);
  });
});
