import { Logger as NestLogger } from '@nestjs/common';
import { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's log lines through the application logger, without query parameters: a failed INSERT
 * would otherwise print e-mail addresses, password or token hashes (ASVS V16.5.1). A failed query
 * is logged with its SQL text and the PostgreSQL error code only; the error itself reaches the
 * exception filter, which decides what the client sees.
 */
export class QueryLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {
    // Successful queries are not logged.
  }

  logQueryError(error: string | Error, query: string, _parameters?: unknown[]): void {
    const code = typeof error === 'string' ? undefined : (error as Error & { code?: string }).code;
    this.logger.warn({ sqlState: code, query: query.replace(/\s+/g, ' ').slice(0, 500) }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ durationMs: time, query: query.replace(/\s+/g, ' ').slice(0, 500) }, 'slow query');
  }

  logSchemaBuild(): void {
    // The schema comes from migrations only; nothing to log.
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
