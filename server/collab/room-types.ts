/** The shapes a Room works with: its dependencies, its outbox entries and held-back update events. */
import type { Logger } from 'pino';
import type { Bus } from '../cluster/bus.js';
import type { Metrics } from '../metrics.js';
import type { DocumentStore } from '../storage/types.js';
import type { CommitQueue } from './commit-queue.js';
import type { Connection } from './connection.js';

/** What a Room needs from the rest of the server. */
export interface RoomDeps {
  store: DocumentStore;
  commits: CommitQueue;
  metrics: Metrics;
  log: Logger;
  compactAfterUpdates: number;
  compactAfterBytes: number;
  bus: Bus;
  /** Told after each commit which users' edits it made durable (search indexing, versions, activity). */
  onCommitted: (docId: string, authors: ReadonlySet<string>) => void;
}

/** A frame waiting in a room's outbox until the commit it depends on (`need`) is durable. */
export interface OutboxItem {
  need: number;
  /** The reply's frame; null for an update, whose frame is built when it is released. */
  frame: Uint8Array | null;
  /** A reply for one connection, or null for a broadcast. */
  to: Connection | null;
  exclude: Connection | null;
  /** State vector after this update, for the "committed" notice. */
  state: Map<number, number> | null;
  /** The update itself, published to other nodes once committed. */
  update: Uint8Array | null;
  /** User whose edit this is (null for server-made changes and replies). */
  author: string | null;
}

/** An update event held back while a client's update is being applied. */
export interface CapturedUpdate {
  update: Uint8Array;
  origin: unknown;
  state: Map<number, number>;
}
