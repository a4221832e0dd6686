/**
 * Limits shared by the server (which enforces them) and the client (which stays inside them).
 * Each one says which abuse it stops.
 */
export const limits = {
  /** Largest WebSocket frame the relay accepts (close 4413 above it): stops memory blow-up from one huge frame. */
  maxFrameBytes: 8 * 1024 * 1024,
  /** Largest awareness state (JSON) per client: stops presence from being abused as a broadcast channel. */
  maxAwarenessStateBytes: 16 * 1024,
  /** Most client IDs one connection may introduce into awareness: stops presence-list flooding. */
  maxAwarenessClientsPerConnection: 8,
  /**
   * Presence changes per second one connection may have relayed (burst = `rateBurstSeconds` worth);
   * faster ones are merged (latest state per client ID) and relayed at this pace. Stock clients echo
   * every awareness update they receive, so one socket's presence flood would otherwise put every
   * other client in its room over its own message budget.
   */
  maxAwarenessRelaysPerSecond: 20,
  /**
   * Bytes of Yjs structs and deletions waiting for missing dependencies per room: stops "far-future
   * clock" memory attacks. Kept small because that store costs CPU on the event loop: Yjs re-merges all
   * of it for every update that adds to it (65 ms per update at 4 MiB), re-reads the held-back deletions
   * on every update, and re-integrates all of it each time an update supplies one missing dependency.
   * Honest clients almost never cause held-back structs (only a client that learnt content elsewhere,
   * such as from another node whose bus message is late); one refused here gets 4413, which stops our
   * client (a reload resyncs it, by when the dependency has usually arrived).
   */
  maxPendingStructBytesPerRoom: 16 * 1024,
  /**
   * Distinct clients whose missing clocks the held-back structs wait for, per room. Each one that
   * arrives makes Yjs re-integrate the whole held-back store, so this bounds the cascade.
   */
  maxPendingDependenciesPerRoom: 8,
  /**
   * Messages per second per connection (token bucket, burst = `rateBurstSeconds` worth): stops one
   * socket's flood from starving the others. Over it the server stops reading the socket until the
   * bucket refills (TCP back-pressure slows the sender; nothing is dropped or closed).
   */
  maxMessagesPerSecond: 400,
  /** Bytes per second per connection, enforced like the message rate. */
  maxBytesPerSecond: 8 * 1024 * 1024,
  /** Seconds of the sustained rates a connection may send at once. Its byte burst must hold `maxFrameBytes`. */
  rateBurstSeconds: 2,
  /**
   * A connection over its budget this long without the budget recovering (half full again) is closed
   * with 4429, which stops a stock y-websocket client for good; anything shorter is only slowed. The
   * server's default (`THROTTLE_CLOSE_AFTER_MS` overrides it).
   */
  maxThrottledMs: 30_000,
  /**
   * Bytes of frames (besides one frame of up to `maxFrameBytes`) a paused socket may still deliver and
   * have queued: what it had read before the pause, well under one network read in practice. A backstop
   * (4429 above it) against a socket that does not stop reading.
   */
  maxQueuedInboundBytes: 4 * 1024 * 1024,
  /** Bytes queued on a socket before the server gives up on a slow consumer (it resyncs on reconnect). */
  maxSocketBufferedBytes: 16 * 1024 * 1024,
  /** Dropped writes by a read-only connection before it is closed (4403). */
  maxReadOnlyViolations: 50,
  /** Largest image one upload may carry (413 above it): stops one figure from filling the disk. */
  maxFileBytes: 10 * 1024 * 1024,
  /** Bytes of stored files per document (413 above it): stops a document from becoming a file host. */
  maxDocumentFileBytes: 100 * 1024 * 1024,
  /** Document IDs: length and character set checked before anything is loaded. */
  docIdPattern: /^[A-Za-z0-9_-]{1,128}$/,
} as const;

/** True when `id` is a syntactically valid document ID. */
export function isValidDocId(id: string): boolean {
  return limits.docIdPattern.test(id);
}
