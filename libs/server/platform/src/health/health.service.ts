import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { createRedisConnection } from '../queue/redis-connection';
import { withTimeout } from '../queue/with-timeout';

export type CheckState = 'up' | 'down';

export interface ReadinessReport {
  status: 'ok' | 'error';
  checks: { database: CheckState; redis: CheckState };
}

const CHECK_TIMEOUT_MS = 2_000;

/** Asks PostgreSQL and Redis right now; never a cached answer. */
@Injectable()
export class HealthService implements OnApplicationShutdown {
  private redis?: Redis;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async readiness(): Promise<ReadinessReport> {
    const [database, redis] = await Promise.all([this.checkDatabase(), this.checkRedis()]);
    return { status: database === 'up' && redis === 'up' ? 'ok' : 'error', checks: { database, redis } };
  }

  private async checkDatabase(): Promise<CheckState> {
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), CHECK_TIMEOUT_MS, 'database check timed out');
      return 'up';
    } catch {
      return 'down';
    }
  }

  private async checkRedis(): Promise<CheckState> {
    try {
      this.redis ??= createRedisConnection(this.config.REDIS_URL, 'check');
      return (await withTimeout(this.redis.ping(), CHECK_TIMEOUT_MS, 'redis check timed out')) === 'PONG'
        ? 'up'
        : 'down';
    } catch {
      return 'down';
    }
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
