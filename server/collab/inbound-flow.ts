/**
 * Flow control of one socket's incoming frames. Frames are handed on in arrival order while the sender
 * is within its budget (messages and bytes per second, token buckets). Over budget, or while the room is
 * still loading, they wait in a queue and the socket stops reading, so the sender meets TCP back-pressure
 * and is slowed instead of closed: a stock y-websocket client never reconnects after a 44xx close, so
 * closing an honest burst would lose everything its user types afterwards. A frame that was read is never
 * dropped; only a sender that stays over budget for `maxThrottledMs` is given up on.
 */
import type { WebSocketLike } from './socket.js';
import { TokenBucket } from './token-bucket.js';

export interface InboundBudget {
  messagesPerSecond: number;
  bytesPerSecond: number;
  /** Seconds of the sustained rate a sender may use at once. */
  burstSeconds: number;
}

export interface InboundFlowOptions {
  socket: Pick<WebSocketLike, 'pause' | 'resume'>;
  budget: InboundBudget;
  /** Longest time a sender may stay over budget before `onOverBudgetTooLong`. */
  maxThrottledMs: number;
  /** Handles one frame (in arrival order). */
  deliver(frame: Uint8Array): void;
  /** The sender stayed over budget too long, or sent a frame that never fits the budget. */
  onOverBudgetTooLong(): void;
  /** The queue outgrew its bound: the socket kept delivering frames although it was paused. */
  onQueueOverflow(): void;
  /** Told each time the sender goes over budget (until its budget has recovered, one episode). */
  onThrottle?(): void;
  now?: () => number;
}

/** Shortest wait before the next drain: a few frames' worth of refill per timer, not one timer per frame. */
const MIN_WAIT_MS = 20;
/** Frames handled per event-loop turn when draining the queue, so one backlog cannot hold the loop. */
const FRAMES_PER_TURN = 64;
/** Per queued frame, on top of its bytes, for the queue's bound (array slot, view object). */
const FRAME_OVERHEAD_BYTES = 64;
/** The budget counts as recovered (the sender no longer over it) once it is this full again. */
const RECOVERED_FILL = 0.5;

export class InboundFlow {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly now: () => number;
  /** Frames, and refusals (a frame refused without being kept) in their place in the order. */
  private queue: Array<Uint8Array | (() => void)> = [];
  private head = 0;
  private queuedBytes = 0;
  private ready = false;
  private stopped = false;
  private paused = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private throttledSince: number | null = null;

  constructor(
    private readonly options: InboundFlowOptions,
    /**
     * Most bytes that may wait. Once paused, a socket delivers only what it had already read (the rest
     * of one network read, and a frame it had nearly finished): this bound is a backstop, not a budget.
     */
    private readonly maxQueuedBytes: number,
  ) {
    const { messagesPerSecond, bytesPerSecond, burstSeconds } = options.budget;
    this.now = options.now ?? (() => performance.now());
    this.messages = new TokenBucket(messagesPerSecond, messagesPerSecond * burstSeconds, this.now);
    this.bytes = new TokenBucket(bytesPerSecond, bytesPerSecond * burstSeconds, this.now);
  }

  /**
   * Takes one frame from the socket. The frame may be a view into the socket's read buffer, valid only
   * during this call: a frame that has to wait is copied, so the queue never pins a whole read.
   */
  push(frame: Uint8Array): void {
    if (this.stopped) return;
    if (this.waiting) {
      this.queue.push(frame.slice());
      this.queuedBytes += frame.byteLength + FRAME_OVERHEAD_BYTES;
      if (this.queuedBytes > this.maxQueuedBytes) return this.options.onQueueOverflow();
      return this.pause();
    }
    // Not waiting: the queue is empty, and the frame is handed on now unless the budget holds it back.
    this.queue.push(frame);
    this.queuedBytes += frame.byteLength + FRAME_OVERHEAD_BYTES;
    if (this.queuedBytes > this.maxQueuedBytes) return this.options.onQueueOverflow();
    this.drain();
    if (this.queue[this.head] === frame) this.queue[this.head] = frame.slice();
  }

  /**
   * Runs `refuse` (which closes the socket) once every frame that arrived before it has been handed on,
   * so refusing one frame never drops the edits queued ahead of it.
   */
  pushRefusal(refuse: () => void): void {
    if (this.stopped) return;
    if (!this.waiting && this.head === this.queue.length) return refuse();
    this.queue.push(refuse);
    this.pause();
  }

  /** The consumer is ready (its room loaded): hands on what waited, then frames as they come. */
  open(): void {
    if (this.stopped || this.ready) return;
    this.ready = true;
    this.drain();
  }

  /** Stops for good: drops the queue and reads the socket again, so its closing handshake completes. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue = [];
    this.head = 0;
    this.queuedBytes = 0;
    this.resume();
  }

  /** Frames wait for a drain already scheduled (or for the room). */
  private get waiting(): boolean {
    return !this.ready || this.timer !== null;
  }

  private drain(): void {
    let handled = 0;
    while (!this.stopped && this.head < this.queue.length) {
      if (handled === FRAMES_PER_TURN) return this.schedule(0);
      const frame = this.queue[this.head] as Uint8Array | (() => void);
      if (typeof frame === 'function') {
        this.head += 1;
        frame();
        continue;
      }
      const waitMs = Math.max(this.messages.waitMs(1), this.bytes.waitMs(frame.byteLength));
      if (waitMs > 0) return this.throttle(waitMs);
      this.messages.take(1);
      this.bytes.take(frame.byteLength);
      if (this.throttledSince !== null && Math.min(this.messages.fill, this.bytes.fill) >= RECOVERED_FILL) this.throttledSince = null;
      this.head += 1;
      this.queuedBytes -= frame.byteLength + FRAME_OVERHEAD_BYTES;
      handled += 1;
      this.options.deliver(frame);
    }
    if (this.stopped) return;
    this.queue.length = 0;
    this.head = 0;
    this.queuedBytes = 0;
    this.resume();
  }

  private throttle(waitMs: number): void {
    const now = this.now();
    if (this.throttledSince === null) {
      this.throttledSince = now;
      this.options.onThrottle?.();
    }
    if (!Number.isFinite(waitMs) || now - this.throttledSince >= this.options.maxThrottledMs) {
      return this.options.onOverBudgetTooLong();
    }
    this.schedule(Math.max(waitMs, MIN_WAIT_MS));
  }

  /** Stops reading and drains again after `ms`. */
  private schedule(ms: number): void {
    this.pause();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.drain();
    }, ms);
  }

  private pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.options.socket.pause();
  }

  private resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.options.socket.resume();
  }
}
