/** Errors the relay raises: a close code for the offending socket, or a room that can no longer answer. */
import type { CloseCode } from '../../shared/protocol/index.js';

export class CloseError extends Error {
  override readonly name = 'CloseError';
  constructor(
    readonly code: CloseCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The room failed (a commit failed, or Yjs threw halfway through an apply) before what a caller waited
 * for was durable: the live document held changes that are now dropped, so nothing read from it may
 * leave. The registry reloads the document from storage; the caller may retry against the new room.
 */
export class RoomFailedError extends Error {
  override readonly name = 'RoomFailedError';
}

/**
 * A document could not be read: storage refused to load it, or kept failing its commits through every
 * retry. Passing faults; HTTP answers 503 with Retry-After.
 */
export class DocumentUnavailableError extends Error {
  override readonly name = 'DocumentUnavailableError';
}
