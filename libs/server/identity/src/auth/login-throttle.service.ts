import { createHash } from 'node:crypto';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, createRedisConnection } from '@srp/server/platform';
import { Redis } from 'ioredis';

/** Failed sign-ins allowed per account and per client address within the window (ASVS V6.3.1). */
export const LOGIN_LIMITS = { perAccount: 5, perIp: 20, windowSeconds: 15 * 60 } as const;

/** Counts failed sign-ins in Redis, shared by every api replica. */
@Injectable()
export class LoginThrottleService implements OnApplicationShutdown {
  private redis?: Redis;

  constructor(private readonly config: AppConfig) {}

  private client(): Redis {
    this.redis ??= createRedisConnection(this.config.REDIS_URL, 'producer');
    return this.redis;
  }

  private keys(email: string, ip: string | null) {
    const account = createHash('sha256').update(email).digest('hex').slice(0, 32);
    const prefix = `${this.config.REDIS_PREFIX}:throttle:login`;
    return { account: `${prefix}:account:${account}`, ip: `${prefix}:ip:${ip ?? 'unknown'}` };
  }

  /** Seconds until another attempt is allowed, or 0 when sign-in may be tried now. */
  async retryAfter(email: string, ip: string | null): Promise<number> {
    const keys = this.keys(email, ip);
    const redis = this.client();
    const [account, perIp] = await Promise.all([redis.get(keys.account), redis.get(keys.ip)]);
    const blocked: string[] = [];
    if (Number(account ?? 0) >= LOGIN_LIMITS.perAccount) blocked.push(keys.account);
    if (Number(perIp ?? 0) >= LOGIN_LIMITS.perIp) blocked.push(keys.ip);
    if (!blocked.length) return 0;
    const ttls = await Promise.all(blocked.map((k) => redis.ttl(k)));
    return Math.max(1, ...ttls);
  }

  async recordFailure(email: string, ip: string | null): Promise<void> {
    const keys = this.keys(email, ip);
    const multi = this.client().multi();
    for (const key of [keys.account, keys.ip]) {
      multi.incr(key);
      multi.expire(key, LOGIN_LIMITS.windowSeconds, 'NX');
    }
    await multi.exec();
  }

  /** A successful sign-in clears the account's counter (not the address's). */
  async recordSuccess(email: string, ip: string | null): Promise<void> {
    await this.client().del(this.keys(email, ip).account);
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
