/**
 * One ping/pong sweep for all the sockets of the relay route: every `intervalMs` each socket that has
 * not answered (no pong, no message) since the previous sweep is terminated, and the others are pinged.
 * A peer that vanished without a FIN (sleeping laptop, dropped NAT) would otherwise hold its room open.
 * One timer and one shared pong listener for every socket, instead of a timer and two closures each:
 * idle connections are most of a server's connections. The sweep yields every `sliceSize` sockets, so
 * tens of thousands of pings never hold the event loop in one piece.
 */
import type { WebSocket } from 'ws';

const sliceSize = 500;

export class HeartbeatSweep {
  private readonly watched = new Set<WebSocket>();
  /** Sockets that showed a sign of life since the last sweep. */
  private readonly answered = new WeakSet<WebSocket>();
  private readonly onPong: (this: WebSocket) => void;
  private timer: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(private readonly intervalMs: number) {
    const answered = this.answered;
    // Shared by every socket: `ws` calls its listeners with the socket as `this`.
    this.onPong = function (this: WebSocket) {
      answered.add(this);
    };
  }

  /** Starts watching a socket that has just opened (it counts as alive until the first sweep). */
  watch(ws: WebSocket): void {
    this.watched.add(ws);
    this.answered.add(ws);
    ws.on('pong', this.onPong);
    if (!this.timer) {
      this.timer = setInterval(() => void this.sweep(), this.intervalMs);
      this.timer.unref();
    }
  }

  /** A message counts as a sign of life: while the relay slows an over-budget sender, its pong waits behind its frames. */
  alive(ws: WebSocket): void {
    this.answered.add(ws);
  }

  /** Stops watching a socket (on close); the timer stops with the last socket. */
  unwatch(ws: WebSocket): void {
    this.watched.delete(ws);
    ws.off('pong', this.onPong);
    if (this.watched.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      let inSlice = 0;
      for (const ws of [...this.watched]) {
        // Closed meanwhile, or closing (ping throws then): its close event unwatches it.
        if (!this.watched.has(ws) || ws.readyState !== ws.OPEN) continue;
        if (!this.answered.has(ws)) {
          ws.terminate();
        } else {
          this.answered.delete(ws);
          ws.ping();
        }
        if (++inSlice === sliceSize) {
          inSlice = 0;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    } finally {
      this.sweeping = false;
    }
  }
}
