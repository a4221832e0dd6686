/** The relay's WebSocketLike seam over a `ws` WebSocket (the relay core itself never imports ws). */
import type { WebSocket } from 'ws';
import type { WebSocketLike } from '../collab/socket.js';

/** Adapts a `ws` WebSocket to the relay's seam. */
export function fromWs(ws: WebSocket): WebSocketLike {
  return {
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
    // ws 8's own pause/resume: stops reading the underlying net.Socket, so TCP pushes back on the peer.
    pause: () => ws.pause(),
    resume: () => ws.resume(),
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    get isOpen() {
      return ws.readyState === ws.OPEN;
    },
  };
}
