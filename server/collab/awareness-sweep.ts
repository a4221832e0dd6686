/**
 * One timer that expires outdated presence in every room. y-protocols' Awareness starts a 3-second
 * interval of its own per instance (dropping states not renewed for 30 s): thousands of open rooms meant
 * thousands of timers, each with its closure. The sweep stops that interval and does the same check for
 * every adopted Awareness on one shared, unref'd timer, which runs only while some Awareness is adopted.
 */
import { Awareness, outdatedTimeout, removeAwarenessStates } from 'y-protocols/awareness';

export interface SweepOptions {
  /** A state not renewed for this long is removed (y-protocols: 30 s). */
  timeoutMs: number;
  /** How often to check (y-protocols: a tenth of the timeout). */
  intervalMs: number;
}

export class AwarenessSweep {
  private readonly members = new Set<Awareness>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly options: SweepOptions = { timeoutMs: outdatedTimeout, intervalMs: Math.floor(outdatedTimeout / 10) }) {}

  /** Awareness instances being checked (for tests and diagnostics). */
  get size(): number {
    return this.members.size;
  }

  /** Takes over `awareness`'s expiry: its own interval stops, and this sweep checks it until `release`. */
  adopt(awareness: Awareness): void {
    clearInterval(awareness._checkInterval as ReturnType<typeof setInterval>);
    this.members.add(awareness);
    if (this.timer) return;
    this.timer = setInterval(() => this.sweep(), this.options.intervalMs);
    this.timer.unref();
  }

  release(awareness: Awareness): void {
    this.members.delete(awareness);
    if (this.members.size > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
  }

  /** What y-protocols' own interval does: renew the local state at half the timeout, drop stale remote ones. */
  private sweep(): void {
    // Awareness's clocks are Date.now() (lib0's getUnixTime).
    const now = Date.now();
    const { timeoutMs } = this.options;
    for (const awareness of this.members) {
      if (awareness.states.size === 0) continue;
      const local = awareness.getLocalState();
      const localMeta = awareness.meta.get(awareness.clientID);
      if (local !== null && localMeta && timeoutMs / 2 <= now - localMeta.lastUpdated) awareness.setLocalState(local);
      const stale: number[] = [];
      for (const [clientId, meta] of awareness.meta) {
        if (clientId !== awareness.clientID && timeoutMs <= now - meta.lastUpdated && awareness.states.has(clientId)) stale.push(clientId);
      }
      if (stale.length > 0) removeAwarenessStates(awareness, stale, 'timeout');
    }
  }
}

/** The process's sweep, shared by every room. */
export const awarenessSweep = new AwarenessSweep();
