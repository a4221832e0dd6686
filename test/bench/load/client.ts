/**
 * One benchmark socket. Light by default: it decodes only frame headers and hands update bytes to
 * `onUpdate`. With a `mirror` Y.Doc it is a full client that applies every update it receives (the
 * correctness check). It can reconnect on its own, as a real provider would after a server restart.
 */
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { Codec } from './codec.js';

export interface ClientOptions {
  codec: Codec;
  port: number;
  /** URL path before the document ID ("/collab/" for Confer, "/" otherwise). */
  path: string;
  /** Called with each incremental update and the time it arrived (performance.now()). */
  onUpdate?: (update: Uint8Array, at: number) => void;
  /** Full client: applies step2 and every update to this doc. */
  mirror?: Y.Doc;
  /** Light client: what it answers the server's step1 with (content it "has"), instead of nothing. */
  seed?: Uint8Array;
}

/** Transaction origin for updates that came from the server (so they are not sent back). */
export const REMOTE = Symbol('remote');

export class BenchClient {
  private ws: WebSocket | null = null;
  private synced = false;
  private waiters: Array<() => void> = [];
  private closedByUs = false;
  private retry: NodeJS.Timeout | null = null;
  private failedAttempts = 0;
  /** performance.now() of the last time this client became synced. */
  syncedAt = 0;
  /**
   * Set to reconnect by itself whenever the socket closes, with the backoff of y-websocket 3.1's
   * WebsocketProvider, which Confer's editor uses with its defaults (client/editor/createCollabEditor.ts):
   * every close counts as a failed attempt, a sync resets the count, and the wait is
   * min(2^failures x 100 ms, 2.5 s), so a synced client that drops waits 200 ms.
   */
  autoReconnect = false;

  constructor(readonly options: ClientOptions) {}

  get isSynced(): boolean {
    return this.synced;
  }

  /** Opens the socket; resolves once the server's step2 has arrived. */
  connect(): Promise<void> {
    this.closedByUs = false;
    this.open();
    return this.whenSynced();
  }

  /** Resolves when the client is (again) synced. */
  whenSynced(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private open(): void {
    const { codec, port, path, mirror } = this.options;
    const ws = new WebSocket(codec.url(port, path), { perMessageDeflate: false });
    this.ws = ws;
    this.synced = false;
    ws.on('open', () => {
      const sv = mirror ? Y.encodeStateVector(mirror) : undefined;
      for (const frame of codec.hello(sv)) ws.send(frame);
    });
    ws.on('message', (data: Buffer) => this.receive(ws, data));
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (this.ws !== ws) return;
      // As in y-websocket: every close counts, also one the server accepted and then ended before the sync.
      this.failedAttempts += 1;
      this.ws = null;
      this.synced = false;
      if (this.autoReconnect && !this.closedByUs) this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.retry) return;
    // The same schedule as y-websocket's WebsocketProvider: min(2^failures x 100 ms, 2500 ms).
    this.retry = setTimeout(
      () => {
        this.retry = null;
        if (!this.closedByUs) this.open();
      },
      Math.min(2 ** this.failedAttempts * 100, 2_500),
    );
  }

  private receive(ws: WebSocket, data: Buffer): void {
    const at = performance.now();
    const { codec, mirror, onUpdate, seed } = this.options;
    const message = codec.parse(data);
    switch (message.kind) {
      case 'step1':
        ws.send(codec.step2(mirror ? Y.encodeStateAsUpdate(mirror) : seed));
        return;
      case 'step2':
        if (mirror) Y.applyUpdate(mirror, message.update, REMOTE);
        if (!this.synced) {
          this.synced = true;
          this.failedAttempts = 0;
          this.syncedAt = performance.now();
          const waiters = this.waiters;
          this.waiters = [];
          for (const resolve of waiters) resolve();
        }
        return;
      case 'update':
        onUpdate?.(message.update, at);
        if (mirror) Y.applyUpdate(mirror, message.update, REMOTE);
        return;
      case 'other':
        return;
    }
  }

  /** Sends an update frame (dropped while disconnected, as the reconnect resyncs anyway). */
  sendUpdate(update: Uint8Array): void {
    const ws = this.ws;
    if (ws && ws.readyState === ws.OPEN) ws.send(this.options.codec.update(update));
  }

  /** Bytes queued in the socket: senders pace themselves on it. */
  get bufferedAmount(): number {
    return this.ws?.bufferedAmount ?? 0;
  }

  /** Drops the TCP connection without a close handshake (a network blip); reconnects if enabled. */
  drop(): void {
    this.synced = false;
    this.ws?.terminate();
  }

  /** Closes for good. */
  close(): void {
    this.closedByUs = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.ws?.terminate();
    this.ws = null;
    this.synced = false;
  }
}
