/**
 * Login and signup throttling with rate-limiter-flexible, after OWASP's authentication cheat sheet and
 * rate-limiter-flexible's "login endpoint protection" recipe. Three login counters:
 * - every attempt per client address (one address guessing many accounts);
 * - failures per account *and* address, cleared by a success from that address: the tight budget. Keyed
 *   on the pair so that an attacker who fails ten times locks out only their own address, not the owner;
 * - failures per account over a day, from any address, not cleared by a success: the slow ceiling on a
 *   guesser with many addresses. Reaching it does lock the account for everyone until the window ends;
 *   that is the price of bounding distributed guessing, and it takes many addresses to pay it.
 * The limiter store is injected: memory on one node, RateLimiterRedis when several nodes share counts.
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
  /** Failed logins per account from one address (cleared by a success from there). */
  loginFailuresPerAccountAndIp: Budget;
  /** Failed logins per account from all addresses together (not cleared by a success). */
  loginFailuresPerAccount: Budget;
  signupPerIp: Budget;
}

export const defaultThrottleLimits: ThrottleLimits = {
  loginPerIp: { points: 100, durationSeconds: 15 * 60 },
  loginFailuresPerAccountAndIp: { points: 10, durationSeconds: 15 * 60 },
  loginFailuresPerAccount: { points: 100, durationSeconds: 24 * 60 * 60 },
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

/** Throws when `key` has already used up `limiter`'s points (a failure counter, read before the attempt). */
async function refuseIfSpent(limiter: RateLimiterAbstract, key: string): Promise<void> {
  const spent = await limiter.get(key);
  if (spent && spent.consumedPoints >= limiter.points) throw tooMany(spent.msBeforeNext);
}

/** The account-and-address key; the address goes first so that an email cannot forge another pair. */
function accountAtAddress(ip: string, email: string): string {
  return `${ip}|${email}`;
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
  private readonly loginAccountAtIp: RateLimiterAbstract;
  private readonly loginAccount: RateLimiterAbstract;
  private readonly signupIp: RateLimiterAbstract;

  constructor(make: LimiterFactory, limits: ThrottleLimits) {
    const build = (keyPrefix: string, b: Budget) => make({ keyPrefix, points: b.points, duration: b.durationSeconds });
    this.loginIp = build('login_ip', limits.loginPerIp);
    this.loginAccountAtIp = build('login_account_ip', limits.loginFailuresPerAccountAndIp);
    this.loginAccount = build('login_account_day', limits.loginFailuresPerAccount);
    this.signupIp = build('signup_ip', limits.signupPerIp);
  }

  /** Throws ThrottledError before any password is checked when the address, the pair or the account is over budget. */
  async beforeLogin(ip: string, email: string): Promise<void> {
    await consume(this.loginIp, ip);
    await refuseIfSpent(this.loginAccountAtIp, accountAtAddress(ip, email));
    await refuseIfSpent(this.loginAccount, email);
  }

  async loginFailed(ip: string, email: string): Promise<void> {
    await Promise.all([this.loginAccountAtIp.penalty(accountAtAddress(ip, email), 1), this.loginAccount.penalty(email, 1)]);
  }

  /** Clears the address's failures on this account; the account's daily ceiling keeps counting. */
  async loginSucceeded(ip: string, email: string): Promise<void> {
    await this.loginAccountAtIp.delete(accountAtAddress(ip, email));
  }

  async beforeSignup(ip: string): Promise<void> {
    await consume(this.signupIp, ip);
  }
}
