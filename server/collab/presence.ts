/**
 * A room's awareness (cursors, names, local times), bound to connections: each client ID belongs to the
 * connection that introduced it (or to another node), and the `user` field is always the server's word.
 */
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { limits } from '../../shared/limits.js';
import { readAwarenessUpdate, writeAwareness, writeAwarenessUpdate, type AwarenessEntry } from '../../shared/protocol/index.js';
import { filterAwareness } from './awareness-guard.js';
import { AwarenessPacer } from './awareness-pacer.js';
import type { Connection } from './connection.js';

/** Owner of client IDs that live on other nodes: no local connection may touch them. */
const REMOTE_OWNER = Symbol('remote-owner');
/** Origin of awareness changes that came from another node: relayed locally, never published back. */
const REMOTE_ORIGIN = Symbol('remote-presence');

type Owner = Connection | typeof REMOTE_OWNER;

/** Whether a connection takes part in presence (read-only link readers do not, either way). */
function sees(conn: Connection): boolean {
  return conn.grant.presence !== false;
}

export class Presence {
  readonly awareness: Awareness;
  private readonly owners = new Map<number, Owner>();
  private readonly pacer = new AwarenessPacer<Connection>(
    (conn, entries) => this.applyPaced(conn, entries),
    limits.maxAwarenessRelaysPerSecond,
    limits.maxAwarenessRelaysPerSecond * limits.rateBurstSeconds,
  );

  constructor(
    doc: Y.Doc,
    private readonly connections: ReadonlySet<Connection>,
    /** Sends a sanitised awareness body to the other nodes. */
    private readonly publish: (body: Uint8Array) => void,
  ) {
    this.awareness = new Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  /** Sends everyone's presence to `conn` (on join, and when it asks with queryAwareness). */
  sendAll(conn: Connection, onlyIfAny = false): void {
    if (!sees(conn)) return;
    const ids = [...this.awareness.getStates().keys()];
    if (onlyIfAny && ids.length === 0) return;
    conn.send(writeAwareness(encodeAwarenessUpdate(this.awareness, ids)));
  }

  /** An awareness frame from a local client: filtered, `user` rewritten, then applied and relayed. */
  applyFromClient(conn: Connection, body: Uint8Array): void {
    // A connection without presence shows none: its awareness frames are dropped, not relayed.
    if (!sees(conn)) return;
    const ownership = {
      ownerOf: (id: number) => this.owners.get(id),
      clientsOf: (owner: Owner) => (owner === REMOTE_OWNER ? new Set<number>() : owner.awarenessClients),
    };
    const accepted = filterAwareness<Owner>(readAwarenessUpdate(body), conn, conn.grant.identity, ownership, this.awareness.clientID);
    if (accepted.length === 0) return;
    for (const entry of accepted) {
      if (entry.state === null) {
        this.owners.delete(entry.clientId);
        conn.awarenessClients.delete(entry.clientId);
      } else {
        this.owners.set(entry.clientId, conn);
        conn.awarenessClients.add(entry.clientId);
      }
    }
    this.pacer.submit(conn, accepted);
  }

  /** Applies entries the pacer let through; one that waited is skipped if its client ID changed hands meanwhile. */
  private applyPaced(conn: Connection, entries: AwarenessEntry[]): void {
    const current = entries.filter((entry) => {
      const owner = this.owners.get(entry.clientId);
      return entry.state === null ? owner === undefined : owner === conn;
    });
    if (current.length > 0) applyAwarenessUpdate(this.awareness, writeAwarenessUpdate(current), conn);
  }

  /** An awareness body from another node (already sanitised there). */
  applyFromNode(body: Uint8Array): void {
    for (const entry of readAwarenessUpdate(body)) {
      const owner = this.owners.get(entry.clientId);
      if (owner !== undefined && owner !== REMOTE_OWNER) continue;
      if (entry.state === null) this.owners.delete(entry.clientId);
      else this.owners.set(entry.clientId, REMOTE_OWNER);
    }
    applyAwarenessUpdate(this.awareness, body, REMOTE_ORIGIN);
  }

  /** A connection left: its presence goes with it, for everyone. */
  forget(conn: Connection): void {
    this.pacer.forget(conn);
    const clients = [...conn.awarenessClients];
    for (const id of clients) this.owners.delete(id);
    conn.awarenessClients.clear();
    if (clients.length > 0) removeAwarenessStates(this.awareness, clients, conn);
  }

  destroy(): void {
    this.pacer.destroy();
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
  }

  private readonly onUpdate = (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (changed.length === 0) return;
    const body = encodeAwarenessUpdate(this.awareness, changed);
    const frame = writeAwareness(body);
    for (const conn of this.connections) if (conn !== origin && sees(conn)) conn.send(frame);
    if (origin !== REMOTE_ORIGIN) this.publish(body);
  };
}
