/**
 * A private copy of each live document body that commenters' updates are tried on before the room
 * applies them. Copying the whole document for every keystroke (as the comments guard does for the
 * small comments documents) costs milliseconds per update on a 50-page document; the copy instead
 * follows the live document through its update events, and is only rebuilt when it may differ: after
 * a refused update (which it applied, and Yjs cannot take back) or whenever its state vector no longer
 * matches the live one (an accepted update the room then failed to apply).
 *
 * Building a copy of a 50-page document in one piece holds the event loop for 20 to 70 ms, so it is
 * built in slices between turns of the loop (shadow-copy.ts) as soon as a commenter joins (`prepare`),
 * and the commenter's frames wait until it is built, as they wait for a room that is loading. Only an
 * update judged before that (another connection's, right after a refusal discarded the copy) pays
 * for a build in one piece.
 *
 * One ShadowDocs per server (created in main.ts), shared by every connection; nothing at module level.
 */
import * as Y from 'yjs';
import { ShadowCopy } from './shadow-copy.js';

function sameState(a: Y.Doc, b: Y.Doc): boolean {
  const clients = a.store.clients;
  if (clients.size !== b.store.clients.size) return false;
  for (const client of clients.keys()) if (Y.getState(a.store, client) !== Y.getState(b.store, client)) return false;
  return true;
}

/** A built copy that holds exactly what the live document holds, nothing waiting for dependencies. */
function matches(copy: ShadowCopy, live: Y.Doc): boolean {
  const store = copy.doc.store;
  return copy.isBuilt && !copy.isStopped && store.pendingStructs === null && store.pendingDs === null && sameState(copy.doc, live);
}

/** Copies of live documents, keyed by the live Y.Doc (a room's document lives as long as the room). */
export class ShadowDocs {
  private readonly shadows = new WeakMap<Y.Doc, ShadowCopy>();
  /** Connections prepared for each live document and not yet released: its commenters. */
  private readonly users = new WeakMap<Y.Doc, number>();

  /** Whether `live` has a copy now (built or being built). */
  has(live: Y.Doc): boolean {
    const copy = this.shadows.get(live);
    return copy !== undefined && !copy.isStopped;
  }

  /**
   * Starts building the copy of `live` between turns of the event loop, unless it exists. Resolves
   * once it is built (never rejects); null when it already is.
   */
  prepare(live: Y.Doc): Promise<void> | null {
    this.users.set(live, (this.users.get(live) ?? 0) + 1);
    const existing = this.shadows.get(live);
    if (existing && !existing.isStopped) return existing.isBuilt ? null : existing.built;
    return this.create(live, true).built;
  }

  /** The copy of `live`, up to date with it; finished, or (re-)created in one piece, when needed. */
  get(live: Y.Doc): ShadowCopy {
    const existing = this.shadows.get(live);
    existing?.finish();
    if (existing && matches(existing, live)) return existing;
    existing?.stop();
    return this.create(live, false);
  }

  /**
   * One prepared connection left `live`. With no commenter left, the copy goes at once: following the
   * document costs a second application of every update, and the next commenter's join builds a new
   * copy in slices anyway.
   */
  release(live: Y.Doc): void {
    const users = (this.users.get(live) ?? 1) - 1;
    if (users > 0) return void this.users.set(live, users);
    this.users.delete(live);
    this.discard(live);
  }

  /** Forgets the copy of `live` (it took an update the live document will not). */
  discard(live: Y.Doc): void {
    this.shadows.get(live)?.stop();
    this.shadows.delete(live);
  }

  private create(live: Y.Doc, inTurns: boolean): ShadowCopy {
    const copy: ShadowCopy = new ShadowCopy(live, inTurns, () => {
      if (this.shadows.get(live) === copy) this.shadows.delete(live);
    });
    this.shadows.set(live, copy);
    return copy;
  }
}
