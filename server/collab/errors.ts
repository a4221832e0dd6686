/** Errors the relay turns into a specific close code for the offending socket only. */
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
