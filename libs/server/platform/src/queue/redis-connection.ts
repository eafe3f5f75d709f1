import { Redis, RedisOptions } from 'ioredis';

/**
 * A Redis connection for BullMQ. Workers need `maxRetriesPerRequest: null` (blocking commands
 * must wait through reconnects); producers in the api fail fast instead so requests do not hang.
 */
export function createRedisConnection(url: string, role: 'worker' | 'producer' | 'check'): Redis {
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 1, connectTimeout: 3_000 };
  const redis = new Redis(url, { ...options, lazyConnect: false, connectionName: `srp-${role}` });
  // ioredis reconnects by itself; failures surface through the commands that fail. Without a
  // listener every reconnect attempt would print an "Unhandled error event" stack trace.
  redis.on('error', () => undefined);
  return redis;
}

/** Reads maxmemory-policy; BullMQ loses jobs under any policy but noeviction. */
export async function readMaxmemoryPolicy(redis: Redis): Promise<string | undefined> {
  const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
  return reply[1];
}
