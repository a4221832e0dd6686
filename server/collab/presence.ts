/**
 * A room's awareness (cursors, names, local times), bound to connections: each client ID belongs to the
 * connection that introduced it (or to another node), and the `user` field is always the server's word.
 *
 * The Awareness, its ownership map and the pacer are made on first use (the first presence a client or
 * another node sends), not with the room: a room nobody shows presence in (read-only readers, scripts,
 * a room opened only to be read) holds none of them. Expiry of states runs on the shared sweep
 * (awareness-sweep.ts), not on a timer per room.
 */
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { limits } from '../../shared/limits.js';
import { readAwarenessUpdate, writeAwareness, writeAwarenessUpdate, type AwarenessEntry } from '../../shared/protocol/index.js';
import { filterAwareness } from './awareness-guard.js';
import { AwarenessPacer } from './awareness-pacer.js';
import { awarenessSweep } from './awareness-sweep.js';
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

/** The parts that exist once someone has shown presence. */
interface Live {
  awareness: Awareness;
  owners: Map<number, Owner>;
  pacer: AwarenessPacer<Connection> | null;
  /** The Awareness 'update' listener (made here, not per room, since most rooms never need one). */
  onUpdate: (change: AwarenessChange, origin: unknown) => void;
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

export class Presence {
  private live: Live | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly connections: ReadonlySet<Connection>,
    /** Sends a sanitised awareness body to the other nodes. */
    private readonly publish: (body: Uint8Array) => void,
  ) {}

  /** The room's Awareness, made now if nobody has shown presence yet. */
  get awareness(): Awareness {
    return this.start().awareness;
  }

  /** Whether the Awareness exists yet (for tests and diagnostics: reading `awareness` would make it). */
  get started(): boolean {
    return this.live !== null;
  }

  private start(): Live {
    if (this.live) return this.live;
    const awareness = new Awareness(this.doc);
    awarenessSweep.adopt(awareness);
    // The server has no presence of its own.
    awareness.setLocalState(null);
    const onUpdate = (change: AwarenessChange, origin: unknown) => this.relay(awareness, change, origin);
    awareness.on('update', onUpdate);
    this.live = { awareness, owners: new Map(), pacer: null, onUpdate };
    return this.live;
  }

  private pacerOf(live: Live): AwarenessPacer<Connection> {
    live.pacer ??= new AwarenessPacer<Connection>(
      (conn, entries) => this.applyPaced(conn, entries),
      limits.maxAwarenessRelaysPerSecond,
      limits.maxAwarenessRelaysPerSecond * limits.rateBurstSeconds,
    );
    return live.pacer;
  }

  /** Sends everyone's presence to `conn` (on join, and when it asks with queryAwareness). */
  sendAll(conn: Connection, onlyIfAny = false): void {
    if (!sees(conn)) return;
    const awareness = this.live?.awareness;
    const ids = awareness ? [...awareness.getStates().keys()] : [];
    if (onlyIfAny && ids.length === 0) return;
    conn.send(writeAwareness(awareness ? encodeAwarenessUpdate(awareness, ids) : writeAwarenessUpdate([])));
  }

  /** An awareness frame from a local client: filtered, `user` rewritten, then applied and relayed. */
  applyFromClient(conn: Connection, body: Uint8Array): void {
    // A connection without presence shows none: its awareness frames are dropped, not relayed.
    if (!sees(conn)) return;
    const owners = this.live?.owners;
    const ownership = {
      ownerOf: (id: number) => owners?.get(id),
      clientsOf: (owner: Owner) => (owner === REMOTE_OWNER ? new Set<number>() : owner.awarenessClients),
    };
    // The Awareness's client ID is the doc's, so the filter needs no Awareness yet.
    const accepted = filterAwareness<Owner>(readAwarenessUpdate(body), conn, conn.grant.identity, ownership, this.doc.clientID);
    if (accepted.length === 0) return;
    const live = this.start();
    for (const entry of accepted) {
      if (entry.state === null) {
        live.owners.delete(entry.clientId);
        conn.awarenessClients.delete(entry.clientId);
      } else {
        live.owners.set(entry.clientId, conn);
        conn.awarenessClients.add(entry.clientId);
      }
    }
    this.pacerOf(live).submit(conn, accepted);
  }

  /** Applies entries the pacer let through; one that waited is skipped if its client ID changed hands meanwhile. */
  private applyPaced(conn: Connection, entries: AwarenessEntry[]): void {
    const live = this.start();
    const current = entries.filter((entry) => {
      const owner = live.owners.get(entry.clientId);
      return entry.state === null ? owner === undefined : owner === conn;
    });
    if (current.length > 0) applyAwarenessUpdate(live.awareness, writeAwarenessUpdate(current), conn);
  }

  /** An awareness body from another node (already sanitised there). */
  applyFromNode(body: Uint8Array): void {
    const live = this.start();
    for (const entry of readAwarenessUpdate(body)) {
      const owner = live.owners.get(entry.clientId);
      if (owner !== undefined && owner !== REMOTE_OWNER) continue;
      if (entry.state === null) live.owners.delete(entry.clientId);
      else live.owners.set(entry.clientId, REMOTE_OWNER);
    }
    applyAwarenessUpdate(live.awareness, body, REMOTE_ORIGIN);
  }

  /** A connection left: its presence goes with it, for everyone. */
  forget(conn: Connection): void {
    const live = this.live;
    // Nobody has shown presence here yet, so this connection owns none.
    if (!live) return;
    live.pacer?.forget(conn);
    const clients = [...conn.awarenessClients];
    for (const id of clients) live.owners.delete(id);
    conn.awarenessClients.clear();
    if (clients.length > 0) removeAwarenessStates(live.awareness, clients, conn);
  }

  destroy(): void {
    const live = this.live;
    if (!live) return;
    this.live = null;
    live.pacer?.destroy();
    awarenessSweep.release(live.awareness);
    live.awareness.off('update', live.onUpdate);
    live.awareness.destroy();
  }

  /** Relays a change of the room's presence to its connections and, unless it came from there, to the other nodes. */
  private relay(awareness: Awareness, change: AwarenessChange, origin: unknown): void {
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (changed.length === 0) return;
    const body = encodeAwarenessUpdate(awareness, changed);
    const frame = writeAwareness(body);
    for (const conn of this.connections) if (conn !== origin && sees(conn)) conn.send(frame);
    if (origin !== REMOTE_ORIGIN) this.publish(body);
  }
}
