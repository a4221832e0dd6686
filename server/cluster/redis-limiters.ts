/**
 * Login/signup throttling shared by every node: rate-limiter-flexible's Redis store, with an in-memory
 * insurance limiter so that a Redis outage degrades throttling to per-node instead of failing logins.
 */
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { LimiterFactory } from '../auth/throttle.js';

export interface RedisLimiters {
  factory: LimiterFactory;
  close(): void;
}

export function createRedisLimiters(url: string, prefix: string): RedisLimiters {
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  const factory: LimiterFactory = (options) =>
    new RateLimiterRedis({
      ...options,
      keyPrefix: `${prefix}limit:${options.keyPrefix}`,
      storeClient: client,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  return { factory, close: () => client.disconnect() };
}
