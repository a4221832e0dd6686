/** A token bucket: `ratePerSecond` sustained, `burst` at once. Used for per-connection flood limits. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
  }

  /** Milliseconds until `cost` tokens are there (0: now). A cost above the burst is never affordable. */
  waitMs(cost = 1): number {
    if (cost > this.burst) return Infinity;
    this.refill();
    return this.tokens >= cost ? 0 : ((cost - this.tokens) / this.ratePerSecond) * 1000;
  }

  /** Takes `cost` tokens; false when the bucket is empty (the caller rejects or delays the message). */
  take(cost = 1): boolean {
    if (this.waitMs(cost) > 0) return false;
    this.tokens -= cost;
    return true;
  }

  /** Share of the burst available now, 0 to 1. */
  get fill(): number {
    this.refill();
    return this.tokens / this.burst;
  }
}
