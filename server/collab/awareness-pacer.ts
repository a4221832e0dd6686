/**
 * Paces how often one connection's presence changes are applied and relayed. A stock y-websocket
 * client sends every awareness update it receives straight back to the server, so each change one
 * socket makes costs a frame from every other client in the room: unpaced, one socket's flood of
 * awareness frames pushed every honest client in its room over its own message budget. Over the pace,
 * changes are coalesced (the latest entry per client ID wins, as in y-protocols) and applied when the
 * pace allows, so the last state always arrives. Memory per connection: one entry per client ID it owns.
 */
import type { AwarenessEntry } from '../../shared/protocol/index.js';
import { TokenBucket } from './token-bucket.js';

interface Paced {
  bucket: TokenBucket;
  pending: Map<number, AwarenessEntry>;
  timer: ReturnType<typeof setTimeout> | null;
}

export class AwarenessPacer<C> {
  private readonly paced = new Map<C, Paced>();

  constructor(
    /** Applies (and so relays) entries of `conn`. */
    private readonly apply: (conn: C, entries: AwarenessEntry[]) => void,
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /** Applies `entries` now if `conn` is within its pace, else once the pace allows (merged with later ones). */
  submit(conn: C, entries: AwarenessEntry[]): void {
    let state = this.paced.get(conn);
    if (!state) {
      state = { bucket: new TokenBucket(this.perSecond, this.burst), pending: new Map(), timer: null };
      this.paced.set(conn, state);
    }
    if (state.timer === null && state.bucket.take(1)) return this.apply(conn, entries);
    for (const entry of entries) state.pending.set(entry.clientId, entry);
    if (state.timer === null) this.schedule(conn, state);
  }

  /** `conn` left: what it had waiting goes with it. */
  forget(conn: C): void {
    const state = this.paced.get(conn);
    if (state?.timer) clearTimeout(state.timer);
    this.paced.delete(conn);
  }

  destroy(): void {
    for (const conn of [...this.paced.keys()]) this.forget(conn);
  }

  private schedule(conn: C, state: Paced): void {
    state.timer = setTimeout(
      () => {
        state.timer = null;
        if (!state.bucket.take(1)) return this.schedule(conn, state);
        const entries = [...state.pending.values()];
        state.pending.clear();
        this.apply(conn, entries);
      },
      Math.max(1, state.bucket.waitMs(1)),
    );
  }
}
