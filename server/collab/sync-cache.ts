/**
 * The handshake frames of a room that does not change between joiners, encoded once per change
 * instead of once per joiner: our step1 (the state vector), and the step2 that answers a peer with
 * nothing (a new client, an HTTP read) or with exactly our state (a reconnecting client that missed
 * nothing). Encoding the whole automerge-paper document takes milliseconds per joiner, and a
 * reconnect storm asks for the same few answers thousands of times.
 *
 * Never stale: any change to a Y.Doc happens inside a transaction. A transaction that changed the
 * document (Yjs's own test: new structs or deletions, the one that decides whether it emits "update")
 * clears the cache, and while any transaction or its cleanup is in progress nothing is read from or
 * stored into the cache (`changing`: Yjs lists a transaction in `_transactionCleanups` from its start
 * until every observer and "update" listener of it has run; should a listener throw before that,
 * the list stays non-empty and the cache is merely bypassed). Held-back structs are never part of an answer (encode.ts), so their coming and going
 * outside transactions (the room puts them back after a refused update) changes nothing here.
 */
import * as Y from 'yjs';
import { writeSyncStep1, writeSyncStep2 } from '../../shared/protocol/index.js';
import { encodeWithoutPending } from './encode.js';

/** The state vector of an empty document: what a new client sends in its step1. */
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

export class SyncCache {
  private stateVector: Uint8Array | null = null;
  private step1: Uint8Array | null = null;
  /** Step2 for a peer that has nothing; `full` is its update (a view into the same bytes). */
  private fullStep2: Uint8Array | null = null;
  private full: Uint8Array | null = null;
  /** Step2 for a peer whose state vector equals ours (only the delete set). */
  private currentStep2: Uint8Array | null = null;

  constructor(private readonly doc: Y.Doc) {
    // Registered before the room's own "update" listener: lib0 stops at a listener that throws.
    // One listener per room and no other: rooms are many (memory per room is a goal of issue 16).
    doc.on('update', this.onUpdate);
  }

  /** A transaction (or its cleanup: observers, "update" listeners) is in progress. */
  private get changing(): boolean {
    return this.doc._transactionCleanups.length > 0;
  }

  /**
   * Takes `update` as the answer for a peer with nothing, without encoding: only for an update that
   * holds exactly what the document holds (a snapshot the document was just loaded from, with nothing
   * refused and nothing held back).
   */
  seedFull(update: Uint8Array): void {
    if (this.changing) return;
    this.fullStep2 = writeSyncStep2(update);
    this.full = this.fullStep2.subarray(this.fullStep2.byteLength - update.byteLength);
  }

  /** Our step1: the state vector. */
  step1Frame(): Uint8Array {
    if (this.changing) return writeSyncStep1(Y.encodeStateVector(this.doc));
    this.step1 ??= writeSyncStep1(this.ownStateVector());
    return this.step1;
  }

  /** The step2 answering a peer's step1 with `stateVector`. Throws on a malformed state vector. */
  step2Frame(stateVector: Uint8Array): Uint8Array {
    if (this.changing) return writeSyncStep2(encodeWithoutPending(this.doc, stateVector));
    if (equalBytes(stateVector, EMPTY_STATE_VECTOR)) return this.fullFrame();
    if (equalBytes(stateVector, this.ownStateVector())) {
      this.currentStep2 ??= writeSyncStep2(encodeWithoutPending(this.doc, stateVector));
      return this.currentStep2;
    }
    return writeSyncStep2(encodeWithoutPending(this.doc, stateVector));
  }

  /** The whole document as one update (what a peer with nothing gets), without held-back structs. */
  fullUpdate(): Uint8Array {
    if (this.changing) return encodeWithoutPending(this.doc);
    this.fullFrame();
    return this.full!;
  }

  /** For tests: whether the answer for a peer with nothing is cached. */
  get holdsFull(): boolean {
    return this.fullStep2 !== null;
  }

  destroy(): void {
    this.clear();
    this.doc.off('update', this.onUpdate);
  }

  private fullFrame(): Uint8Array {
    if (!this.fullStep2) {
      const update = encodeWithoutPending(this.doc);
      this.seedFull(update);
    }
    return this.fullStep2!;
  }

  private ownStateVector(): Uint8Array {
    this.stateVector ??= Y.encodeStateVector(this.doc);
    return this.stateVector;
  }

  private clear(): void {
    this.stateVector = null;
    this.step1 = null;
    this.fullStep2 = null;
    this.full = null;
    this.currentStep2 = null;
  }

  private readonly onUpdate = (): void => {
    this.clear();
  };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
