/**
 * One shadow copy of a live document body (shadow.ts), built without holding the event loop: the live
 * structs go in as small slices (shadow-slices.ts), at most TURN_MS of them per turn of the loop.
 * Meanwhile the live document goes on changing: its updates from the moment the build began wait in a
 * backlog and are applied, in order, once the slices are in (each slice carries the deletions of its
 * structs, so the last piece is only what changed during the build). From then on the copy applies
 * each live update as it happens.
 *
 * The copy is only used once built; `finish` completes a build at once when an update must be judged
 * before the last turn (a commenter who joined while another one's copy was still being built).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import * as Y from 'yjs';
import { SuggestionKinds } from './id-kinds.js';
import { StructSlices } from './shadow-slices.js';

/** Longest stretch of building between two turns of the event loop. */
const TURN_MS = 3;
/** Structs per applied slice: small enough to check the clock often, large enough to amortise a transaction. */
const STRUCTS_PER_SLICE = 128;

/**
 * Keeps Yjs from "cleaning up" formatting in the copy. After every remote transaction (every
 * applyUpdate) Yjs deletes formatting items it finds redundant, in a transaction of the doc's own; on
 * a copy built in slices (a mark's start without the text after it yet) that deletes marks the live
 * document keeps. Without it the copy changes only through the live document's updates, which carry
 * the live document's own clean-ups.
 */
function keepFormatting(tr: Y.Transaction): void {
  tr._needFormattingCleanup = false;
}

/** An empty document to build a copy of `live` in, with Yjs's formatting clean-up off (keepFormatting). */
export function emptyCopyOf(live: Y.Doc): Y.Doc {
  const doc = new Y.Doc({ gc: live.gc });
  // Before any other listener: the guard's judge sees the transactions as before.
  doc.on('afterTransaction', keepFormatting);
  return doc;
}

function stateVectorOf(doc: Y.Doc): Map<number, number> {
  const state = new Map<number, number>();
  for (const client of doc.store.clients.keys()) state.set(client, Y.getState(doc.store, client));
  return state;
}

export class ShadowCopy {
  // gc as in the live document: deleted content is judged in afterTransaction, before the cleanup.
  readonly doc: Y.Doc;
  /** The kinds of change each suggestion id has had in the copy (id-kinds.ts), from its first slice on. */
  readonly kinds: SuggestionKinds;
  /** Live updates since the build began, not yet applied (null once built). */
  private backlog: Uint8Array[] | null = [];
  private slices: StructSlices | null;
  private stopped = false;
  private readonly onStop: () => void;
  /** Settles once the copy is built or stopped; never rejects. */
  readonly built: Promise<void>;

  /**
   * Starts following `live`. `inTurns`: build between turns of the event loop (`built` settles when
   * done); otherwise the copy is built before the constructor returns.
   */
  constructor(
    private readonly live: Y.Doc,
    inTurns: boolean,
    onStop: () => void,
  ) {
    this.doc = emptyCopyOf(live);
    this.kinds = new SuggestionKinds(this.doc);
    this.onStop = onStop;
    this.slices = new StructSlices(live, stateVectorOf(live));
    live.on('update', this.follow);
    live.on('destroy', this.stop);
    if (inTurns) this.built = this.buildInTurns();
    else {
      this.finish();
      this.built = Promise.resolve();
    }
  }

  get isBuilt(): boolean {
    return this.backlog === null;
  }

  /** Builds what is left now (a no-op once built). */
  finish(): void {
    if (this.stopped || this.backlog === null) return;
    while (this.applyNextSlice());
    this.slices = null;
    const backlog = this.backlog;
    this.backlog = null;
    // In order: each one applies on top of the structs before it, so nothing waits in the pending store.
    // The slices carried the deletions made before they were written; these carry the later ones.
    for (const update of backlog) Y.applyUpdate(this.doc, update);
  }

  /** Detaches the copy from the live document and frees it. */
  readonly stop = (): void => {
    if (this.stopped) return;
    this.stopped = true;
    this.live.off('update', this.follow);
    this.live.off('destroy', this.stop);
    this.doc.destroy();
    this.onStop();
  };

  get isStopped(): boolean {
    return this.stopped;
  }

  private readonly follow = (update: Uint8Array): void => {
    if (this.backlog) this.backlog.push(update);
    // Updates the copy already holds (the commenter's own, once the room applies it) are no-ops.
    else Y.applyUpdate(this.doc, update);
  };

  private applyNextSlice(): boolean {
    const slice = this.slices?.next(STRUCTS_PER_SLICE) ?? null;
    if (slice === null) return false;
    Y.applyUpdate(this.doc, slice);
    return true;
  }

  private async buildInTurns(): Promise<void> {
    try {
      // Not in the caller's turn: the joining connection's own work comes first.
      await nextTurn();
      while (!this.stopped && this.backlog !== null) {
        const start = performance.now();
        let more = true;
        while (more && performance.now() - start < TURN_MS) more = this.applyNextSlice();
        // The backlog: one piece, as long as what changed during the build.
        if (!more) return this.finish();
        await nextTurn();
      }
    } catch {
      // A copy that could not be built is dropped; the next update to judge builds one at once.
      this.stop();
    }
  }
}
