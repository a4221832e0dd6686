/**
 * Login/signup throttling shared by every node: rate-limiter-flexible's Redis store, with an in-memory
 * insurance limiter so that a Redis outage degrades throttling to per-node instead of failing logins.
 */
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** The shape of auth/throttle.ts's LimiterFactory, stated here so cluster/ needs nothing from auth/. */
export type RedisLimiterFactory = (options: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

export interface RedisLimiters {
  factory: RedisLimiterFactory;
  close(): void;
}

export function createRedisLimiters(url: string, prefix: string): RedisLimiters {
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  const factory: RedisLimiterFactory = (options) =>
    new RateLimiterRedis({
      ...options,
      keyPrefix: `${prefix}limit:${options.keyPrefix}`,
      storeClient: client,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  return { factory, close: () => client.disconnect() };
}
