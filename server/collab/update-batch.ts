/**
 * The updates one commit releases for a room, merged into one broadcast: at high rates a commit releases
 * several updates per room, and sending each as its own frame to every receiver made the relay pay one
 * socket write per update per receiver. Merged, every receiver gets one frame per commit, encoded once.
 * Updates that come from one doc's update events never overlap (each holds only what its transaction
 * integrated), so Y.mergeUpdates yields exactly what applying them one by one would.
 *
 * The merged frame skips its author only when every part has the same author; with several authors
 * everyone gets it, and an author receives its own part back (Yjs skips what it already holds), as
 * Hocuspocus does. The bounds keep one merge short: a big update goes out on its own.
 */
import * as Y from 'yjs';

/** Most bytes merged into one broadcast; a larger update is sent alone. */
export const MAX_BATCH_BYTES = 64 * 1024;
/** Most updates merged into one broadcast. */
export const MAX_BATCH_UPDATES = 256;

export interface Broadcast<C> {
  update: Uint8Array;
  /** Who need not receive it: the author of every part, or null when everyone must. */
  exclude: C | null;
}

export class UpdateBatch<C> {
  private updates: Uint8Array[] = [];
  private bytes = 0;
  private author: C | null = null;

  get isEmpty(): boolean {
    return this.updates.length === 0;
  }

  /** Whether `update` may join this batch (an empty batch takes anything). */
  fits(update: Uint8Array): boolean {
    if (this.updates.length === 0) return true;
    return this.updates.length < MAX_BATCH_UPDATES && this.bytes + update.byteLength <= MAX_BATCH_BYTES;
  }

  /** Adds an update made by `author` (null for the server's own changes). */
  add(update: Uint8Array, author: C | null): void {
    this.author = this.updates.length === 0 || this.author === author ? author : null;
    this.updates.push(update);
    this.bytes += update.byteLength;
  }

  /** The batch as one update, and empties it; null when empty. */
  take(): Broadcast<C> | null {
    const { updates, author } = this;
    if (updates.length === 0) return null;
    this.updates = [];
    this.bytes = 0;
    this.author = null;
    return { update: updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), exclude: author };
  }
}
