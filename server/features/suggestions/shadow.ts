/**
 * A private copy of each live document body that commenters' updates are tried on before the room
 * applies them. Copying the whole document for every keystroke (as the comments guard does for the
 * small comments documents) costs milliseconds per update on a 50-page document; the copy instead
 * follows the live document through its update events, and is only rebuilt when it may differ: after
 * a refused update (which it applied, and Yjs cannot take back) or whenever its state vector no longer
 * matches the live one (an accepted update the room then failed to apply).
 *
 * One ShadowDocs per server (created in main.ts), shared by every connection; nothing at module level.
 */
import * as Y from 'yjs';
import { encodeWithoutPending } from '../../collab/encode.js';

interface Shadow {
  doc: Y.Doc;
  /** Detaches the copy from the live document. */
  stop: () => void;
}

function sameState(a: Y.Doc, b: Y.Doc): boolean {
  const clients = a.store.clients;
  if (clients.size !== b.store.clients.size) return false;
  for (const client of clients.keys()) if (Y.getState(a.store, client) !== Y.getState(b.store, client)) return false;
  return true;
}

/** Copies of live documents, keyed by the live Y.Doc (a room's document lives as long as the room). */
export class ShadowDocs {
  private readonly shadows = new WeakMap<Y.Doc, Shadow>();

  /** The copy of `live`, up to date with it; created (or re-created) when needed. */
  get(live: Y.Doc): Y.Doc {
    const existing = this.shadows.get(live);
    if (existing && sameState(existing.doc, live)) return existing.doc;
    existing?.stop();
    return this.create(live).doc;
  }

  /** Forgets the copy of `live` (it took an update the live document will not). */
  discard(live: Y.Doc): void {
    this.shadows.get(live)?.stop();
    this.shadows.delete(live);
  }

  private create(live: Y.Doc): Shadow {
    // gc as in the live document: deleted content is judged in afterTransaction, before the cleanup.
    const doc = new Y.Doc({ gc: live.gc });
    Y.applyUpdate(doc, encodeWithoutPending(live));
    // Updates the copy already holds (the commenter's own, once the room applies it) are no-ops.
    const follow = (update: Uint8Array): void => Y.applyUpdate(doc, update);
    const stop = (): void => {
      live.off('update', follow);
      live.off('destroy', stop);
      doc.destroy();
      if (this.shadows.get(live)?.doc === doc) this.shadows.delete(live);
    };
    live.on('update', follow);
    live.on('destroy', stop);
    const shadow = { doc, stop };
    this.shadows.set(live, shadow);
    return shadow;
  }
}
