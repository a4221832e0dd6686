/**
 * The body of an awareness message (y-protocols/awareness):
 *
 *   awarenessUpdate := varUint(n) • n × ( varUint(clientID) • varUint(clock) • varString(stateJSON) )
 *
 * stateJSON is "null" when the client is removed. The server decodes it to bind client IDs to the
 * connection that introduced them and to overwrite the `user` field with the session's identity.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ProtocolError } from './messages.js';

/** One client's entry in an awareness update. `state` is null when the client is being removed. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
  /** Length of the JSON text as received, to check size limits without re-encoding. */
  stateBytes: number;
}

/** Decodes an awareness update; throws ProtocolError on truncation or invalid JSON. */
export function readAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  try {
    const count = decoding.readVarUint(decoder);
    if (count > update.length) throw new ProtocolError('awareness entry count exceeds frame');
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      const parsed: unknown = JSON.parse(json);
      if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
        throw new ProtocolError('awareness state must be an object or null');
      }
      entries.push({ clientId, clock, state: parsed as Record<string, unknown> | null, stateBytes: json.length });
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after awareness update');
    return entries;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`invalid awareness update: ${(error as Error).message}`);
  }
}

/** Encodes entries back into an awareness update body. */
export function writeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}
