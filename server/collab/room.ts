/**
 * One open document: its Y.Doc, its awareness, its connections, and the gate that holds back everything
 * derived from an update until the update is committed (the durability invariant).
 *
 * Every update applied to the doc gets a local sequence number (`applied`); the commit queue reports
 * the highest one that is durable (`durable`). Frames derived from the doc wait in `outbox` tagged with
 * the `applied` value at the time they were made, and leave only once `durable` has caught up.
 */
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { limits } from '../../shared/limits.js';
import {
  CloseCode,
  ProtocolError,
  writeCommitted,
  writeSyncUpdate,
  type IncomingMessage,
} from '../../shared/protocol/index.js';
import type { BusMessage } from '../cluster/bus.js';
import type { CommitTarget } from './commit-queue.js';
import type { Connection } from './connection.js';
import type { Compactor } from './compactor.js';
import type { CapturedUpdate, OutboxItem, RoomDeps } from './room-types.js';
import { Presence } from './presence.js';
import { SyncCache } from './sync-cache.js';
import { replayStored } from './replay.js';
import { compactorFor, LOAD_ORIGIN, openStored, type OpenedDocument } from './room-load.js';
import { UpdateBatch, type Broadcast } from './update-batch.js';
import { checkNeighbours, checkOwnClientReferences, checkParents } from './update-check.js';
import type { NeighbourGuard, Refusal } from './neighbour-guard.js';
import { CloseError, RoomFailedError } from './errors.js';
import { encodeWithoutPending } from './encode.js';
import { messageOf } from '../../shared/narrow.js';

/** Origin of changes the server makes itself (seeding, restore): stored and relayed like a client's. */
const SERVER_ORIGIN = Symbol('server');
/** Origin of updates that another node committed (bus, catch-up): relayed locally, never stored again. */
const REMOTE_ORIGIN = Symbol('remote');

export type { RoomDeps } from './room-types.js';

export class Room implements CommitTarget {
  readonly doc: Y.Doc;
  readonly connections = new Set<Connection>();
  readonly presence: Presence;
  /** Registry bookkeeping: acquisitions not yet released. */
  pins = 0;
  /** Called once when a commit failed and the room must be dropped. */
  onFailed: (() => void) | null = null;
  /** Leaves the document's bus channel (set by the registry). */
  unsubscribe: () => Promise<void> = async () => undefined;

  private applied = 0;
  private durable = 0;
  private outbox: OutboxItem[] = [];
  private outboxHead = 0;
  private committedState: Map<number, number>;
  private readonly compactor: Compactor;
  /** Handshake answers encoded once per change, not once per joiner (sync-cache.ts). */
  private readonly syncCache: SyncCache;
  private durableWaiters: Array<() => void> = [];
  /** Callers of whenDurableThrough, each waiting for `durable` to reach its `seq`. */
  private throughWaiters: Array<{ seq: number; resolve: () => void; reject: (error: Error) => void }> = [];
  /** Update events held back while a client's update is being applied (see applyClientUpdate). */
  private captured: CapturedUpdate[] | null = null;
  /** The updates a commit is releasing, merged into one broadcast (reused: emptied after each commit). */
  private readonly releasing = new UpdateBatch<Connection>();
  /** The committed state vector, encoded once per change for the committed notices (null: stale). */
  private committedVector: Uint8Array | null = null;
  private failed = false;
  private readonly guard: NeighbourGuard;

  /** Loads snapshot + log from the store (room-load.ts). Throws if the store cannot answer. */
  static async load(docId: string, deps: RoomDeps): Promise<Room> {
    const room = new Room(docId, await openStored(docId, deps.store), deps);
    room.logRefused('load');
    return room;
  }

  private constructor(
    readonly docId: string,
    opened: OpenedDocument,
    private readonly deps: RoomDeps,
  ) {
    const doc = opened.doc;
    this.doc = doc;
    this.guard = opened.guard;
    this.syncCache = new SyncCache(doc);
    this.compactor = compactorFor(docId, opened, deps, this.syncCache, () => void this.compact());
    this.committedState = Y.decodeStateVector(Y.encodeStateVector(doc));
    this.presence = new Presence(doc, this.connections, (body) => deps.bus.publish(docId, { kind: 'awareness', payload: body }));
    doc.on('update', this.onDocUpdate);
    // The snapshot is the document, byte for byte of content: the first joiner needs no encoding.
    if (opened.exactSnapshot) this.syncCache.seedFull(opened.exactSnapshot);
  }

  /** The room's awareness (for tests and diagnostics). */
  get awareness(): Awareness {
    return this.presence.awareness;
  }

  get isFailed(): boolean {
    return this.failed;
  }

  /** Adds a connection and starts the handshake: our step1, then everyone's presence. */
  addConnection(conn: Connection): void {
    this.connections.add(conn);
    conn.send(this.syncCache.step1Frame());
    this.presence.sendAll(conn, true);
  }

  /** Removes a connection and its presence. */
  removeConnection(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    if (!this.failed) this.presence.forget(conn);
  }

  /** Dispatches one decoded client frame. Throws ProtocolError/CloseError for the caller to close the socket. */
  handle(conn: Connection, message: IncomingMessage): void {
    if (this.failed) return;
    switch (message.kind) {
      case 'sync-step1':
        return this.replyToStep1(conn, message.stateVector);
      case 'sync-step2':
      case 'sync-update':
        if (conn.grant.canWrite) this.applyClientUpdate(conn, message.update);
        else conn.droppedReadOnlyWrite(message.update);
        if (conn.wantsCommitted) {
          conn.noteUpdateFrame(this.applied);
          // Nothing new to commit (a duplicate, or a dropped read-only write): acknowledge at once.
          if (this.applied <= this.durable && conn.acknowledgeThrough(this.durable)) this.sendCommitted(conn);
        }
        return;
      case 'awareness':
        return this.presence.applyFromClient(conn, message.update);
      case 'query-awareness':
        return this.presence.sendAll(conn);
      case 'auth':
        // Clients have nothing to say in the auth channel; stock providers never send it.
        return;
      case 'committed':
        throw new ProtocolError('"committed" is a server-to-client message');
    }
  }

  /** The document (or what a peer with `stateVector` lacks) as one update, without held-back structs. */
  encodeForPeer(stateVector?: Uint8Array): Uint8Array {
    return stateVector ? encodeWithoutPending(this.doc, stateVector) : this.syncCache.fullUpdate();
  }

  private replyToStep1(conn: Connection, stateVector: Uint8Array): void {
    let frame: Uint8Array;
    try {
      frame = this.syncCache.step2Frame(stateVector);
    } catch (error) {
      throw new ProtocolError(`invalid state vector: ${messageOf(error)}`);
    }
    this.enqueue({ need: this.applied, frame, to: conn, exclude: null, state: null, update: null, author: null });
  }

  private applyClientUpdate(conn: Connection, update: Uint8Array): void {
    let structs: Array<Y.Item | Y.GC | Y.Skip>;
    // Parse fully before applying: Yjs integrates structs before it reads the delete set, so a frame
    // truncated in its delete set would otherwise be half-applied.
    try {
      ({ structs } = Y.decodeUpdate(update));
      checkOwnClientReferences(structs);
      checkParents(this.doc, structs);
      checkNeighbours(this.doc, structs, this.guard.order);
    } catch (error) {
      throw new ProtocolError(`update rejected: ${messageOf(error)}`);
    }
    // A narrower write permission (a commenter in a comments document) refuses with a CloseError.
    conn.grant.guardUpdate?.(this.doc, update, structs);
    const store = this.doc.store;
    // Yjs merges newly held-back structs into the existing pending object in place, so compare its
    // bytes, not the object (comparing objects let every pending update after the first one through).
    const structsBefore = store.pendingStructs?.update ?? null;
    const missingBefore = store.pendingStructs ? new Map(store.pendingStructs.missing) : null;
    const dsBefore = store.pendingDs;
    // Hold the update events of this apply until it returns: if Yjs throws halfway, what it emitted is
    // a fragment nobody may store or receive, and the live doc no longer matches storage.
    const captured: CapturedUpdate[] = [];
    this.captured = captured;
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch (error) {
      this.captured = null;
      this.fail(error, 'a change could not be applied; reloading the document', conn);
      throw new ProtocolError(`update rejected by Yjs: ${messageOf(error)}`);
    }
    this.captured = null;
    for (const event of captured) this.accept(event.update, event.origin, event.state);
    this.deps.metrics.updatesIn.inc();
    const refused = this.logRefused('client', structs);
    const structsAfter = store.pendingStructs?.update ?? null;
    if ((structsAfter && structsAfter !== structsBefore) || (store.pendingDs && store.pendingDs !== dsBefore)) {
      const pendingBytes = (structsAfter?.byteLength ?? 0) + (store.pendingDs?.byteLength ?? 0);
      const missing = store.pendingStructs?.missing.size ?? 0;
      if (pendingBytes > limits.maxPendingStructBytesPerRoom || missing > limits.maxPendingDependenciesPerRoom) {
        // Put the pending store back: what could be integrated was (and is committed and relayed as
        // usual); the held-back rest of this update leaves with its sender and is never stored.
        store.pendingStructs = structsBefore && missingBefore ? { missing: missingBefore, update: structsBefore } : null;
        store.pendingDs = dsBefore;
        throw new CloseError(
          CloseCode.TooLarge,
          `updates with missing dependencies exceed ${limits.maxPendingStructBytesPerRoom} bytes or ${limits.maxPendingDependenciesPerRoom} missing clients`,
        );
      }
      // Yjs holds back structs whose dependencies are missing; they are not in the update event, so
      // keep the raw update durable too (idempotent on replay). A copy: the frame may be a view into
      // the socket's read buffer, which must not be pinned until the commit.
      this.applied += 1;
      this.deps.commits.add(this, update.slice(), this.applied);
    }
    // Structs whose neighbours only Yjs could resolve were refused as they integrated (neighbour-guard.ts):
    // what integrated, placeholders included, is what everyone gets, and a sender whose own struct was
    // refused leaves. A refused held-back struct released by this update is not this sender's doing.
    if (refused) throw new ProtocolError(`update rejected: ${refused.problem}`);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction): void => {
    if (origin === LOAD_ORIGIN) return;
    if (origin === REMOTE_ORIGIN) return this.relayRemote(update, tr);
    if (this.captured) this.captured.push({ update, origin, state: tr.afterState });
    else this.accept(update, origin, tr.afterState);
  };

  /**
   * A local change to commit, then relay: it gets the next sequence number and waits in the outbox. Its
   * frame is built when the commit releases it, merged with the room's other updates of that commit.
   */
  private accept(update: Uint8Array, origin: unknown, state: Map<number, number>): void {
    this.applied += 1;
    this.deps.commits.add(this, update, this.applied);
    const exclude = this.connections.has(origin as Connection) ? (origin as Connection) : null;
    const author = exclude?.grant.identity.id ?? null;
    this.enqueue({ need: this.applied, frame: null, to: null, exclude, state, update, author });
  }

  /** Another node committed this update: it is durable already, so it goes out at once. */
  private relayRemote(update: Uint8Array, tr: Y.Transaction): void {
    const frame = writeSyncUpdate(update);
    for (const conn of this.connections) conn.send(frame);
    this.deps.metrics.updatesOut.inc(this.connections.size);
    let changed = false;
    for (const [client, clock] of tr.afterState) {
      if (clock !== tr.beforeState.get(client) && clock > (this.committedState.get(client) ?? 0)) {
        this.committedState.set(client, clock);
        changed = true;
      }
    }
    if (changed) {
      this.committedVector = null;
      this.announceCommitted(true);
    }
  }

  /**
   * Applies a change made by the server itself (template seeding, version restore). It goes through
   * the same commit-then-relay path as a client's edit; resolves once it is durable.
   */
  async applyServerUpdate(update: Uint8Array): Promise<void> {
    if (this.failed) throw new Error('room failed; retry');
    Y.applyUpdate(this.doc, update, SERVER_ORIGIN);
    // Through this change only: whenDurable could wait forever while clients keep writing.
    await this.whenDurableThrough(this.applied);
  }

  /** A message from another node about this document. */
  applyBusMessage(message: BusMessage): void {
    if (this.failed) return;
    try {
      if (message.kind === 'update') Y.applyUpdate(this.doc, message.payload, REMOTE_ORIGIN);
      else if (message.kind === 'awareness') this.presence.applyFromNode(message.payload);
      else void this.catchUp();
    } catch (error) {
      this.deps.log.warn({ err: error, docId: this.docId, kind: message.kind }, 'ignoring a bus message that does not apply');
    }
    this.logRefused('bus');
  }

  /**
   * Logs the structs the guard refused since the last call and returns the first one that belongs to
   * `incoming` (the update being applied), if any.
   */
  private logRefused(during: string, incoming: ReadonlyArray<Y.Item | Y.GC | Y.Skip> = []): Refusal | null {
    const refused = this.guard.takeRefused();
    if (refused.length === 0) return null;
    this.deps.log.warn({ docId: this.docId, during, refused: refused.slice(0, 5), count: refused.length }, "structs breaking YATA's invariants were collected, not placed");
    // An update holds one run of clocks per client.
    const runs = new Map<number, { from: number; to: number }>();
    for (const s of incoming) {
      const run = runs.get(s.id.client);
      if (run) run.to = Math.max(run.to, s.id.clock + s.length);
      else runs.set(s.id.client, { from: s.id.clock, to: s.id.clock + s.length });
    }
    return refused.find((r) => {
      const run = runs.get(r.id.client);
      return run !== undefined && run.from <= r.id.clock && r.id.clock < run.to;
    }) ?? null;
  }

  /**
   * Re-reads the document from storage and applies it (idempotent): after the bus dropped messages,
   * whatever other nodes committed meanwhile reaches this node's clients.
   */
  async catchUp(): Promise<void> {
    const stored = await this.deps.store.load(this.docId);
    if (this.failed) return;
    await replayStored(this.doc, stored, REMOTE_ORIGIN, () => !this.failed);
    this.logRefused('catch-up');
  }

  /** Sends at once what depends on nothing uncommitted (replies only: an update always waits). */
  private enqueue(item: OutboxItem): void {
    if (item.need <= this.durable && this.outboxHead === this.outbox.length) this.deliver(item);
    else this.outbox.push(item);
  }

  private deliver(item: OutboxItem): void {
    if (item.update) return this.broadcast({ update: item.update, exclude: item.exclude });
    if (!item.to || !item.frame) return;
    item.to.send(item.frame);
    if (item.to.wantsCommitted) this.sendCommitted(item.to);
  }

  /** A committed update (or several, merged): to the other nodes, then as one frame to every receiver. */
  private broadcast({ update, exclude }: Broadcast<Connection>): void {
    this.deps.bus.publish(this.docId, { kind: 'update', payload: update });
    const frame = writeSyncUpdate(update);
    let sent = 0;
    for (const conn of this.connections) {
      if (conn === exclude) continue;
      conn.send(frame);
      sent += 1;
    }
    this.deps.metrics.updatesOut.inc(sent);
  }

  /** Sends the batch being released, if any. */
  private flushReleasing(): void {
    const batch = this.releasing.take();
    if (batch) this.broadcast(batch);
  }

  /** CommitQueue callback: updates up to `localSeq` are durable; release what waited for them. */
  committed(localSeq: number, storeSeq: number, updates: number, bytes: number): void {
    if (this.failed) return;
    this.durable = Math.max(this.durable, localSeq);
    let released = false;
    const authors = new Set<string>();
    while (this.outboxHead < this.outbox.length) {
      const item = this.outbox[this.outboxHead];
      if (!item || item.need > this.durable) break;
      this.outboxHead += 1;
      if (item.state) {
        // Max, not replace: clocks from other nodes' updates may be newer than this state vector.
        for (const [client, clock] of item.state) {
          if (clock > (this.committedState.get(client) ?? 0)) this.committedState.set(client, clock);
        }
        released = true;
        this.committedVector = null;
      }
      if (item.author) authors.add(item.author);
      if (item.update) {
        if (!this.releasing.fits(item.update)) this.flushReleasing();
        this.releasing.add(item.update, item.exclude);
      } else {
        // A sync reply holds every update queued before it: those go out first, as they always did.
        this.flushReleasing();
        this.deliver(item);
      }
    }
    this.flushReleasing();
    if (this.outboxHead === this.outbox.length) {
      this.outbox = [];
      this.outboxHead = 0;
    }
    this.announceCommitted(released);
    if (released) this.deps.onCommitted(this.docId, authors);
    if (this.durable >= this.applied) this.notifyDurable();
    if (this.throughWaiters.length > 0) this.releaseDurableThrough();
    this.compactor.recordCommit(storeSeq, updates, bytes);
  }

  /**
   * Tells opted-in clients what is durable: to everyone when the committed state moved, and to each
   * connection whose own update frames were just acknowledged.
   */
  private announceCommitted(stateMoved: boolean): void {
    for (const conn of this.connections) {
      if (!conn.wantsCommitted) continue;
      const acked = conn.acknowledgeThrough(this.durable);
      if (!stateMoved && !acked) continue;
      this.sendCommitted(conn);
    }
  }

  private sendCommitted(conn: Connection): void {
    this.committedVector ??= Y.encodeStateVector(this.committedState);
    conn.send(writeCommitted(this.committedVector, conn.acknowledgedFrames));
  }

  /** CommitQueue callback: the commit failed. Nothing derived from those updates may leave: drop it all. */
  commitFailed(error: unknown): void {
    this.fail(error, 'storage unavailable, retry');
  }

  /**
   * The live document can no longer be trusted (a failed commit, or Yjs throwing halfway through an
   * apply): nothing more leaves it, every connection but `except` closes with 1013 (clients keep their
   * edits and resend them), and the registry reloads the document from storage for the next joiner.
   */
  private fail(error: unknown, reason: string, except: Connection | null = null): void {
    if (this.failed) return;
    this.failed = true;
    this.compactor.stop();
    this.deps.log.warn({ err: error, docId: this.docId }, `room failed: ${reason}`);
    this.outbox = [];
    this.outboxHead = 0;
    for (const conn of [...this.connections]) if (conn !== except) conn.close(CloseCode.TryAgainLater, reason);
    this.notifyDurable();
    const through = this.throughWaiters;
    this.throughWaiters = [];
    for (const waiter of through) waiter.reject(new RoomFailedError(`room failed before the change was durable: ${reason}`));
    this.onFailed?.();
  }

  /** Resolves when every applied update is committed (or the room failed). */
  whenDurable(): Promise<void> {
    if (this.failed || this.durable >= this.applied) return Promise.resolve();
    return new Promise((resolve) => this.durableWaiters.push(resolve));
  }

  private notifyDurable(): void {
    const waiters = this.durableWaiters;
    this.durableWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /**
   * Resolves once every update applied up to local sequence `seq` is committed, however many arrive
   * meanwhile; rejects with RoomFailedError if the room fails first (what it waited for is dropped).
   */
  whenDurableThrough(seq: number): Promise<void> {
    if (this.failed) return Promise.reject(new RoomFailedError('room failed; retry'));
    if (this.durable >= seq) return Promise.resolve();
    return new Promise((resolve, reject) => this.throughWaiters.push({ seq, resolve, reject }));
  }

  private releaseDurableThrough(): void {
    const waiters = this.throughWaiters;
    this.throughWaiters = waiters.filter((waiter) => waiter.seq > this.durable);
    for (const waiter of waiters) if (waiter.seq <= this.durable) waiter.resolve();
  }

  /**
   * The document as one update that contains nothing undurable, for HTTP reads (export, versions, search).
   *
   * Encoded now, handed out once durable: at this moment the encoding holds exactly the local updates
   * 1..`applied` (plus stored data and other nodes' updates, durable already). Encoding after the wait
   * instead would take in whatever was applied during it, and waiting for a moment with nothing in
   * flight (whenDurable) may never come under steady writes; a second, committed-only Y.Doc would cost
   * an apply per update even when nobody reads. Commits complete in order, so the wait is at most the
   * group commit in flight plus the next one. If the room fails first, these bytes may hold an edit the
   * failure drops: RoomFailedError, and the caller retries against the room reloaded from storage.
   */
  async encodeDurable(): Promise<Uint8Array> {
    if (this.failed) throw new RoomFailedError('room failed; retry');
    const through = this.applied;
    const state = this.encodeForPeer();
    await this.whenDurableThrough(through);
    return state;
  }

  /** Folds the log into a new snapshot now (also done automatically when the log grows). */
  compact(): Promise<void> {
    return this.failed ? Promise.resolve() : this.compactor.compact();
  }

  /** For tests and diagnostics: callers of whenDurableThrough (HTTP reads among them) still waiting. */
  get durabilityWaiters(): number {
    return this.throughWaiters.length;
  }

  /** For tests and diagnostics: log rows not yet folded into the snapshot. */
  get logSize(): { updates: number; bytes: number; lastSeq: number } {
    return this.compactor.size;
  }

  /** Waits for pending commits, compacts, and frees the doc. The room is unusable afterwards. */
  async close(): Promise<void> {
    await this.whenDurable();
    await this.compact();
    this.doc.off('update', this.onDocUpdate);
    this.syncCache.destroy();
    this.presence.destroy();
    this.doc.destroy();
  }
}
