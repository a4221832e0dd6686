/**
 * The only map of open rooms. Loading is single-flight; a room unloads after its last connection
 * leaves and a grace period; a joiner that arrives while a room unloads waits and loads it afresh.
 */
import type { Logger } from 'pino';
import type { BusMessage } from '../cluster/bus.js';
import type { Metrics } from '../metrics.js';
import { Room, type RoomDeps } from './room.js';

type Entry =
  | { state: 'loading'; ready: Promise<Room> }
  | { state: 'open'; room: Room; timer: NodeJS.Timeout | null }
  | { state: 'unloading'; done: Promise<void> };

export interface RegistryOptions {
  graceMs: number;
}

export class RoomRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly deps: RoomDeps & { metrics: Metrics; log: Logger },
    private readonly options: RegistryOptions,
  ) {}

  /** Rooms in any state (loading, open, unloading). */
  get size(): number {
    return this.entries.size;
  }

  /** The open room for `docId`, if loaded (for tests and diagnostics). */
  peek(docId: string): Room | undefined {
    const entry = this.entries.get(docId);
    return entry?.state === 'open' ? entry.room : undefined;
  }

  /** Every open room. */
  *openRooms(): IterableIterator<Room> {
    for (const entry of this.entries.values()) if (entry.state === 'open') yield entry.room;
  }

  /** Loads (or joins the load of) a room and pins it. Every successful call needs one `release`. */
  async acquire(docId: string): Promise<Room> {
    for (;;) {
      const entry = this.entries.get(docId);
      if (!entry) {
        this.startLoad(docId);
        continue;
      }
      if (entry.state === 'unloading') {
        await entry.done;
        continue;
      }
      const room = entry.state === 'open' ? entry.room : await entry.ready;
      const current = this.entries.get(docId);
      // The room may have failed or started unloading while we waited for it.
      if (current?.state !== 'open' || current.room !== room) continue;
      if (current.timer) {
        clearTimeout(current.timer);
        current.timer = null;
      }
      room.pins += 1;
      return room;
    }
  }

  /** Subscribes to the document's bus channel first, so nothing published during the load is missed. */
  private async subscribeAndLoad(docId: string): Promise<Room> {
    let room: Room | null = null;
    const early: BusMessage[] = [];
    const unsubscribe = await this.deps.bus.subscribe(docId, (message) => {
      if (room) room.applyBusMessage(message);
      else early.push(message);
    });
    try {
      room = await Room.load(docId, this.deps);
    } catch (error) {
      await unsubscribe();
      throw error;
    }
    room.unsubscribe = unsubscribe;
    for (const message of early) room.applyBusMessage(message);
    return room;
  }

  private startLoad(docId: string): void {
    const ready = this.subscribeAndLoad(docId).then(
      (room) => {
        room.onFailed = () => this.evict(room);
        this.entries.set(docId, { state: 'open', room, timer: null });
        this.deps.metrics.rooms.inc();
        this.scheduleUnloadIfIdle(room);
        return room;
      },
      (error: unknown) => {
        this.entries.delete(docId);
        this.deps.log.error({ err: error, docId }, 'loading document failed');
        throw error;
      },
    );
    // Joiners await `ready`; this keeps an unobserved rejection from crashing the process.
    ready.catch(() => undefined);
    this.entries.set(docId, { state: 'loading', ready });
  }

  /** Unpins a room; the last release starts the grace period before unloading. */
  release(room: Room): void {
    room.pins = Math.max(0, room.pins - 1);
    this.scheduleUnloadIfIdle(room);
  }

  private scheduleUnloadIfIdle(room: Room): void {
    const entry = this.entries.get(room.docId);
    if (entry?.state !== 'open' || entry.room !== room || room.pins > 0 || entry.timer) return;
    entry.timer = setTimeout(() => {
      entry.timer = null;
      if (room.pins === 0) void this.unload(room);
    }, this.options.graceMs);
  }

  private unload(room: Room): Promise<void> {
    const done = room
      .close()
      .then(() => room.unsubscribe())
      .catch((error: unknown) => this.deps.log.error({ err: error, docId: room.docId }, 'unloading room failed'))
      .finally(() => {
        if (this.entries.get(room.docId)?.state === 'unloading') this.entries.delete(room.docId);
        this.deps.metrics.rooms.dec();
      });
    this.entries.set(room.docId, { state: 'unloading', done });
    return done;
  }

  /** A room whose commit failed: forget it now so the next joiner reloads from the store. */
  private evict(room: Room): void {
    const entry = this.entries.get(room.docId);
    if (entry?.state === 'open' && entry.room === room) {
      if (entry.timer) clearTimeout(entry.timer);
      void this.unload(room);
    }
  }

  /** Shutdown: unloads every room (waiting for commits and compacting). Connections must be closed first. */
  async closeAll(): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const entry of [...this.entries.values()]) {
      if (entry.state === 'loading') pending.push(entry.ready.then(() => undefined, () => undefined));
      if (entry.state === 'unloading') pending.push(entry.done);
    }
    await Promise.all(pending);
    const unloads: Promise<void>[] = [];
    for (const entry of [...this.entries.values()]) {
      if (entry.state === 'open') {
        if (entry.timer) clearTimeout(entry.timer);
        unloads.push(this.unload(entry.room));
      } else if (entry.state === 'unloading') unloads.push(entry.done);
    }
    await Promise.all(unloads);
  }
}
