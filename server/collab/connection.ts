/**
 * One socket on one document: flood limits, defensive decoding, the send-buffer cap, and the
 * read-only bookkeeping. Incoming frames pass through an InboundFlow, which holds them (and stops
 * reading the socket) while the room is still loading or the sender is over its budget.
 */
import type { Logger } from 'pino';
import { limits } from '../../shared/limits.js';
import { CloseCode, ProtocolError, readMessage } from '../../shared/protocol/index.js';
import type { Metrics } from '../metrics.js';
import type { Grant } from './access.js';
import { CloseError } from './errors.js';
import type { Room } from './room.js';
import type { WebSocketLike } from './socket.js';
import { InboundFlow } from './inbound-flow.js';

export interface ConnectionDeps {
  metrics: Metrics;
  log: Logger;
  /** Longest a sender may stay over its message/byte budget (slowed meanwhile) before it is closed with 4429. */
  maxThrottledMs: number;
}

export class Connection {
  /** Awareness client IDs this connection introduced (and alone may change). */
  readonly awarenessClients = new Set<number>();
  private room: Room | null = null;
  private closed = false;
  /** The guard prepared for the room's document at attach: released when leaving it. */
  private preparedGuard = false;
  private readOnlyViolations = 0;
  /** Update frames (syncStep2/syncUpdate) received on this socket, and the room sequence each needs. */
  private updateFrames = 0;
  private ackedFrames = 0;
  private unacked: Array<{ frame: number; need: number }> = [];
  private unackedHead = 0;
  private readonly inbound: InboundFlow;

  constructor(
    readonly docId: string,
    private readonly socket: WebSocketLike,
    readonly grant: Grant,
    /** The client asked for "committed" notices (`?confer=1`). Stock clients never get them. */
    readonly wantsCommitted: boolean,
    private readonly deps: ConnectionDeps,
  ) {
    this.inbound = new InboundFlow(
      {
        socket,
        budget: { messagesPerSecond: limits.maxMessagesPerSecond, bytesPerSecond: limits.maxBytesPerSecond, burstSeconds: limits.rateBurstSeconds },
        maxThrottledMs: deps.maxThrottledMs,
        deliver: (frame) => this.process(frame),
        onOverBudgetTooLong: () => this.close(CloseCode.RateLimited, `over the message budget for ${deps.maxThrottledMs} ms`),
        onQueueOverflow: () => this.close(CloseCode.RateLimited, 'too many frames waiting'),
        onThrottle: () => deps.metrics.throttled.inc(),
      },
      limits.maxFrameBytes + limits.maxQueuedInboundBytes,
    );
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Joins the loaded room and processes frames that arrived meanwhile (once the guard is prepared). */
  attach(room: Room): void {
    if (this.closed) return;
    this.room = room;
    room.addConnection(this);
    this.preparedGuard = this.grant.guardUpdate?.prepare !== undefined;
    const preparing = this.grant.guardUpdate?.prepare?.(room.doc) ?? null;
    if (preparing) preparing.then(() => this.inbound.open(), () => this.inbound.open());
    else this.inbound.open();
  }

  /** Entry point for every frame from the socket. */
  receive(frame: Uint8Array): void {
    if (this.closed) return;
    if (frame.byteLength > limits.maxFrameBytes) {
      return this.refuse(CloseCode.TooLarge, `frame of ${frame.byteLength} bytes is over the limit`);
    }
    this.inbound.push(frame);
  }

  /** Closes for a frame that is not kept, once the frames that arrived before it have been handled. */
  refuse(code: number, reason: string): void {
    if (this.closed) return;
    this.inbound.pushRefusal(() => this.close(code, reason));
  }

  private process(frame: Uint8Array): void {
    if (this.closed || !this.room) return;
    try {
      this.room.handle(this, readMessage(frame));
    } catch (error) {
      if (error instanceof CloseError) return this.close(error.code, error.message);
      if (error instanceof ProtocolError) return this.close(CloseCode.Malformed, error.message);
      this.deps.log.error({ err: error, docId: this.docId }, 'unexpected error handling a frame');
      this.close(CloseCode.InternalError, 'internal error');
    }
  }

  /** Records an update frame whose effects are durable once the room's durable sequence reaches `need`. */
  noteUpdateFrame(need: number): void {
    this.updateFrames += 1;
    this.unacked.push({ frame: this.updateFrames, need });
  }

  /** Acknowledges the frames made durable by `durable`; true when the acknowledged count moved. */
  acknowledgeThrough(durable: number): boolean {
    const before = this.ackedFrames;
    while (this.unackedHead < this.unacked.length) {
      const next = this.unacked[this.unackedHead];
      if (!next || next.need > durable) break;
      this.ackedFrames = next.frame;
      this.unackedHead += 1;
    }
    if (this.unackedHead === this.unacked.length) {
      this.unacked = [];
      this.unackedHead = 0;
    }
    return this.ackedFrames !== before;
  }

  /** Update frames of this socket that are durable (sent in the "committed" notice). */
  get acknowledgedFrames(): number {
    return this.ackedFrames;
  }

  /** Counts a write on a read-only connection; closes the socket when it keeps trying. */
  droppedReadOnlyWrite(update: Uint8Array): void {
    // An empty update (2 bytes: no structs, no deletions) is the stock client's answer to our step1.
    if (update.byteLength <= 2) return;
    this.deps.metrics.readOnlyDropped.inc();
    this.readOnlyViolations += 1;
    if (this.readOnlyViolations > limits.maxReadOnlyViolations) {
      this.close(CloseCode.Forbidden, 'read-only: this role cannot edit the document');
    }
  }

  /** Sends a frame, or drops the connection if the peer has stopped reading. */
  send(frame: Uint8Array): void {
    if (this.closed || !this.socket.isOpen) return;
    if (this.socket.bufferedAmount > limits.maxSocketBufferedBytes) {
      this.deps.log.warn({ docId: this.docId, user: this.grant.identity.id }, 'terminating slow consumer');
      this.closed = true;
      this.inbound.stop();
      this.deps.metrics.closes.inc({ code: 'terminated' });
      this.socket.terminate();
      return;
    }
    this.socket.send(frame);
  }

  /** Closes with a documented code; the socket's close event then detaches it from the room. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.deps.metrics.closes.inc({ code: String(code) });
    if (code >= 4400) this.deps.log.info({ docId: this.docId, user: this.grant.identity.id, code, reason }, 'closing socket');
    // Read the socket again (frames are ignored now), or the peer's closing handshake would never be read.
    this.inbound.stop();
    // Close reasons are limited to 123 bytes by the WebSocket protocol.
    this.socket.close(code, reason.slice(0, 120));
  }

  /** Socket is gone: leave the room (removes presence). Returns the room it was in, if any. */
  detach(): Room | null {
    this.closed = true;
    this.inbound.stop();
    const room = this.room;
    this.room = null;
    room?.removeConnection(this);
    if (room && this.preparedGuard) this.grant.guardUpdate?.release?.(room.doc);
    this.preparedGuard = false;
    return room;
  }
}
