/**
 * Login and signup throttling with rate-limiter-flexible. Attempts count per client IP (every attempt)
 * and per account (failed attempts only, cleared by a success), so neither one address guessing many
 * passwords nor many addresses guessing one password get far. The limiter store is injected: memory on
 * one node, RateLimiterRedis when several nodes must share the counts.
 */
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Makes one limiter; swap it for `(o) => new RateLimiterRedis({ ...o, storeClient })` to share counts. */
export type LimiterFactory = (options: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

export const memoryLimiters: LimiterFactory = (options) => new RateLimiterMemory(options);

/** `points` attempts per `durationSeconds`. */
export interface Budget {
  points: number;
  durationSeconds: number;
}

export interface ThrottleLimits {
  loginPerIp: Budget;
  /** Failed logins per account. */
  loginFailuresPerAccount: Budget;
  signupPerIp: Budget;
}

export const defaultThrottleLimits: ThrottleLimits = {
  loginPerIp: { points: 100, durationSeconds: 15 * 60 },
  loginFailuresPerAccount: { points: 10, durationSeconds: 15 * 60 },
  signupPerIp: { points: 20, durationSeconds: 60 * 60 },
};

/** Over a login or signup budget; the HTTP layer answers 429 with Retry-After. */
export class ThrottledError extends Error {
  readonly retryAfterSeconds: number;

  constructor(retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super(`too many attempts; try again in ${seconds} seconds`);
    this.name = 'ThrottledError';
    this.retryAfterSeconds = seconds;
  }
}

function tooMany(retryAfterMs: number): ThrottledError {
  return new ThrottledError(retryAfterMs);
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw tooMany(error.msBeforeNext);
    throw error;
  }
}

export class AuthThrottle {
  private readonly loginIp: RateLimiterAbstract;
  private readonly loginAccount: RateLimiterAbstract;
  private readonly signupIp: RateLimiterAbstract;

  constructor(make: LimiterFactory, limits: ThrottleLimits) {
    const build = (keyPrefix: string, b: Budget) => make({ keyPrefix, points: b.points, duration: b.durationSeconds });
    this.loginIp = build('login_ip', limits.loginPerIp);
    this.loginAccount = build('login_account', limits.loginFailuresPerAccount);
    this.signupIp = build('signup_ip', limits.signupPerIp);
  }

  /** Throws ThrottledError before any password is checked when the IP or the account is over its budget. */
  async beforeLogin(ip: string, email: string): Promise<void> {
    await consume(this.loginIp, ip);
    const account = await this.loginAccount.get(email);
    if (account && account.consumedPoints >= this.loginAccount.points) throw tooMany(account.msBeforeNext);
  }

  async loginFailed(email: string): Promise<void> {
    await this.loginAccount.penalty(email, 1);
  }

  async loginSucceeded(email: string): Promise<void> {
    await this.loginAccount.delete(email);
  }

  async beforeSignup(ip: string): Promise<void> {
    await consume(this.signupIp, ip);
  }
}
