/** The slice of a WebSocket the relay needs, so the core runs under any adapter (and in unit tests). */
import type { WebSocket } from 'ws';

export interface WebSocketLike {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Drops the TCP connection at once (for consumers that stopped reading). */
  terminate(): void;
  readonly bufferedAmount: number;
  readonly isOpen: boolean;
}

/** Adapts a `ws` WebSocket. */
export function fromWs(ws: WebSocket): WebSocketLike {
  return {
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    get isOpen() {
      return ws.readyState === ws.OPEN;
    },
  };
}
