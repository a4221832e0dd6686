/**
 * The slice of a WebSocket the relay needs, so the core runs under any adapter (and in unit tests).
 * The adapter for `ws` is server/http/ws-socket.ts, used by the upgrade route: nothing here
 * imports a WebSocket library.
 */
export interface WebSocketLike {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Drops the TCP connection at once (for consumers that stopped reading). */
  terminate(): void;
  /**
   * Stops reading from the network, so a sender over its budget meets TCP back-pressure instead of
   * being closed. Frames the adapter had already read may still be delivered after this call.
   */
  pause(): void;
  /** Reads from the network again after `pause()`. */
  resume(): void;
  readonly bufferedAmount: number;
  readonly isOpen: boolean;
}
