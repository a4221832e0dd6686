/** The relay's WebSocketLike seam over a `ws` WebSocket (the relay core itself never imports ws). */
import type { WebSocket } from 'ws';
import type { WebSocketLike } from '../collab/socket.js';

/**
 * Adapts a `ws` WebSocket to the relay's seam. A class rather than an object of arrow functions and
 * getters: one small object per connection with its methods on the prototype, instead of five closures
 * and a dictionary-mode object (about 700 bytes per connection).
 */
class WsSocket implements WebSocketLike {
  constructor(private readonly ws: WebSocket) {}

  send(data: Uint8Array): void {
    this.ws.send(data);
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  terminate(): void {
    this.ws.terminate();
  }

  // ws 8's own pause/resume: stops reading the underlying net.Socket, so TCP pushes back on the peer.
  pause(): void {
    this.ws.pause();
  }

  resume(): void {
    this.ws.resume();
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  get isOpen(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }
}

/** Adapts a `ws` WebSocket to the relay's seam. */
export function fromWs(ws: WebSocket): WebSocketLike {
  return new WsSocket(ws);
}
