/**
 * The relay's front door: accepts sockets into rooms, keeps the set of live connections (so access
 * changes can close them), and shuts everything down in order.
 */
import type { Logger } from 'pino';
import { CloseCode } from '../../shared/protocol/index.js';
import type { Bus, CloseCommand, SocketMatch } from '../cluster/bus.js';
import type { Metrics } from '../metrics.js';
import type { DocumentStore } from '../storage/types.js';
import type { Grant } from './access.js';
import { CommitQueue } from './commit-queue.js';
import { Connection } from './connection.js';
import { DocumentUnavailableError, RoomFailedError } from './errors.js';
import { RoomRegistry } from './registry.js';
import type { WebSocketLike } from './socket.js';

export interface HubOptions {
  store: DocumentStore;
  metrics: Metrics;
  log: Logger;
  graceMs: number;
  compactAfterUpdates: number;
  compactAfterBytes: number;
  /** Longest a socket may stay over its message/byte budget (slowed meanwhile) before it is closed with 4429. */
  maxThrottledMs: number;
  /** Fan-out to other nodes (the local bus on a single node). */
  bus: Bus;
}

/** Reads that meet a failed room retry on the reloaded one; past this, storage is failing and the read fails. */
const READ_ATTEMPTS = 3;

/** Told after each commit which users' edits it made durable. */
export type CommittedListener = (docId: string, authors: ReadonlySet<string>) => void;

export class CollabHub {
  readonly registry: RoomRegistry;
  readonly commits: CommitQueue;
  private readonly live = new Set<Connection>();
  private readonly committedListeners: CommittedListener[] = [];
  private closing = false;

  constructor(private readonly options: HubOptions) {
    this.commits = new CommitQueue(options.store, options.metrics, options.log);
    this.registry = new RoomRegistry(
      {
        store: options.store,
        commits: this.commits,
        metrics: options.metrics,
        log: options.log,
        compactAfterUpdates: options.compactAfterUpdates,
        compactAfterBytes: options.compactAfterBytes,
        bus: options.bus,
        onCommitted: (docId, authors) => {
          for (const listener of this.committedListeners) {
            try {
              listener(docId, authors);
            } catch (error) {
              options.log.error({ err: error, docId }, 'a commit listener failed');
            }
          }
        },
      },
      { graceMs: options.graceMs },
    );
    options.bus.onClose((command) => this.closeLocal(command));
    // After a bus outage this node may have missed other nodes' updates: re-read every open document.
    options.bus.onMissedMessages(() => {
      for (const room of this.registry.openRooms()) {
        room.catchUp().catch((error: unknown) => options.log.warn({ err: error, docId: room.docId }, 'catch-up failed'));
      }
    });
  }

  /** Subscribes to "these users' edits to this document are now durable" (search, versions, activity). */
  onCommitted(listener: CommittedListener): void {
    this.committedListeners.push(listener);
  }

  /**
   * The document as one update, from the live room if open, else from storage: everything applied when
   * the read started and nothing that is not durable (see Room.encodeDurable), so an export or a version
   * never carries an edit that a failed commit then drops. Without structs Yjs holds back for missing
   * dependencies, like a sync reply. If the room fails while the read waits, the read starts again on the
   * room reloaded from storage, a few times at most (a store that keeps failing, or refuses to load, fails the read with DocumentUnavailableError).
   */
  async readDocument(docId: string): Promise<Uint8Array> {
    for (let attempt = 1; ; attempt += 1) {
      let room;
      try {
        room = await this.registry.acquire(docId);
      } catch (error) {
        throw new DocumentUnavailableError(`document ${docId} could not be loaded`, { cause: error });
      }
      try {
        return await room.encodeDurable();
      } catch (error) {
        if (!(error instanceof RoomFailedError)) throw error;
        if (attempt >= READ_ATTEMPTS) throw new DocumentUnavailableError(`document ${docId} kept failing its commits`, { cause: error });
      } finally {
        this.registry.release(room);
      }
    }
  }

  /**
   * Applies a server-made change (seeding, version restore) through the room, so it is committed before
   * anyone receives it and live clients get it at once. Resolves when it is durable.
   */
  async applyServerUpdate(docId: string, update: Uint8Array): Promise<void> {
    const room = await this.registry.acquire(docId);
    try {
      await room.applyServerUpdate(update);
    } finally {
      this.registry.release(room);
    }
  }

  /** Live connections (read-only view). */
  get connections(): ReadonlySet<Connection> {
    return this.live;
  }

  /** Takes a freshly upgraded socket; the room loads in the background and frames wait meanwhile. */
  accept(docId: string, socket: WebSocketLike, grant: Grant, wantsCommitted: boolean): Connection {
    const conn = new Connection(docId, socket, grant, wantsCommitted, {
      metrics: this.options.metrics,
      log: this.options.log,
      maxThrottledMs: this.options.maxThrottledMs,
    });
    if (this.closing) {
      // Through the connection, so it ignores (and does not hold) whatever the socket still sends.
      conn.close(CloseCode.ServiceRestart, 'server restarting');
      return conn;
    }
    this.live.add(conn);
    this.options.metrics.connections.inc();
    this.registry.acquire(docId).then(
      (room) => {
        if (conn.isClosed) return this.registry.release(room);
        conn.attach(room);
      },
      () => conn.close(CloseCode.TryAgainLater, 'document could not be loaded, retry later'),
    );
    return conn;
  }

  /** The socket closed (by either side). */
  disconnect(conn: Connection): void {
    if (!this.live.delete(conn)) return;
    this.options.metrics.connections.dec();
    const room = conn.detach();
    if (room) this.registry.release(room);
  }

  /** Closes every live connection matching `predicate` (logout, revoked access, expired sessions). */
  closeWhere(predicate: (conn: Connection) => boolean, code: number, reason: string): number {
    let closed = 0;
    for (const conn of this.live) {
      if (!predicate(conn)) continue;
      conn.close(code, reason);
      closed += 1;
    }
    return closed;
  }

  /**
   * Closes the matching sockets on every node (logout, removal from a workspace, new role or profile, trash):
   * here at once, elsewhere through the bus. Returns how many closed on this node.
   */
  closeMatching(match: SocketMatch, code: number, reason: string): number {
    this.options.bus.publishClose({ match, code, reason });
    return this.closeLocal({ match, code, reason });
  }

  private closeLocal(command: CloseCommand): number {
    const { match } = command;
    // An empty match would close everyone: never what a command means.
    if (!match.sessionIds && match.userId === undefined && !match.docIds) return 0;
    const sessions = match.sessionIds ? new Set(match.sessionIds) : null;
    const docs = match.docIds ? new Set(match.docIds) : null;
    return this.closeWhere(
      (conn) =>
        (sessions === null || (conn.grant.sessionId !== undefined && sessions.has(conn.grant.sessionId))) &&
        (match.userId === undefined || conn.grant.identity.id === match.userId) &&
        (docs === null || docs.has(conn.docId)),
      command.code,
      command.reason,
    );
  }

  /** Graceful shutdown: commit what is pending, close sockets with 1012, unload every room. */
  async shutdown(): Promise<void> {
    this.closing = true;
    await this.commits.drain();
    for (const conn of this.live) conn.close(CloseCode.ServiceRestart, 'server restarting');
    for (const conn of [...this.live]) this.disconnect(conn);
    await this.registry.closeAll();
    await this.commits.drain();
  }
}
