/**
 * The slice of a WebSocket the relay needs, so the core runs under any adapter (and in unit tests).
 * The `ws` adapter is in server/http/ws-socket.ts.
 */

export interface WebSocketLike {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Drops the TCP connection at once (for consumers that stopped reading). */
  terminate(): void;
  readonly bufferedAmount: number;
  readonly isOpen: boolean;
}
