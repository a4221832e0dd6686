/** Top-level y-websocket message types: the first varUint of every frame. */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  /**
   * Confer extension: the server's committed state vector, sent after each commit to clients that
   * asked for it (`?confer=1`). Stock clients never receive it.
   */
  Committed: 100,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Sub-types of a Sync message (y-protocols/sync). */
export const SyncStep = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const;
export type SyncStep = (typeof SyncStep)[keyof typeof SyncStep];

/** Sub-types of an Auth message. */
export const AuthMessage = {
  PermissionDenied: 0,
} as const;

/**
 * WebSocket close codes used by the relay. y-websocket's provider stops reconnecting on 44xx by
 * default, and so does the Confer client; it retries on 1011/1012/1013 and 4001.
 */
export const CloseCode = {
  /** Server restarting (graceful shutdown): reconnect. */
  ServiceRestart: 1012,
  /** Unexpected server error: reconnect. */
  InternalError: 1011,
  /** Storage unavailable or room failed to load: reconnect later. */
  TryAgainLater: 1013,
  /**
   * Your access or profile changed: reconnect to get the new rights (a raised or lowered role) or the
   * new presence identity (name, time zone). Outside 44xx so that every y-websocket client reconnects.
   */
  AccessChanged: 4001,
  /** A frame could not be decoded, or Yjs rejected its update. */
  Malformed: 4400,
  /** No valid session (logout, expiry). */
  Unauthenticated: 4401,
  /** No access to this document any more, or too many writes on a read-only connection. */
  Forbidden: 4403,
  /** A frame, an awareness state or pending structs exceed their limit. */
  TooLarge: 4413,
  /** Message or byte rate over the per-connection limit, or a consumer too slow to keep up. */
  RateLimited: 4429,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which a client must not reconnect automatically. */
export function isFatalCloseCode(code: number): boolean {
  return code >= 4400 && code < 4500;
}
