/**
 * Encode/decode pairs for y-websocket frames. This is the only module that touches lib0 framing.
 *
 *   frame        := varUint(messageType) • body
 *   syncStep1    := varUint(0) • varUint(0) • varByteArray(stateVector)
 *   syncStep2    := varUint(0) • varUint(1) • varByteArray(update)
 *   syncUpdate   := varUint(0) • varUint(2) • varByteArray(update)
 *   awareness    := varUint(1) • varByteArray(awarenessUpdate)
 *   authDenied   := varUint(2) • varUint(0) • varString(reason)
 *   queryAwareness := varUint(3)
 *   committed    := varUint(100) • varByteArray(stateVector) • varUint(ackedUpdateFrames)   (Confer extension, opt-in)
 *
 * See PROTOCOL.md for the handshake. Decoders throw ProtocolError on anything they do not understand;
 * the caller decides what that does to the socket.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { AuthMessage, MessageType, SyncStep } from './constants.js';

/** A frame that cannot be decoded. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

/** A decoded client → server frame. Byte arrays are views into the frame, not copies. */
export type IncomingMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'sync-update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'auth'; authType: number; reason: string }
  | { kind: 'committed'; stateVector: Uint8Array; ackedUpdateFrames: number };

/** Decodes one frame; throws ProtocolError for unknown types, truncation or trailing bytes. */
export function readMessage(frame: Uint8Array): IncomingMessage {
  const decoder = decoding.createDecoder(frame);
  let message: IncomingMessage;
  try {
    message = readBody(decoder);
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`truncated or invalid frame: ${(error as Error).message}`);
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after message');
  return message;
}

function readBody(decoder: decoding.Decoder): IncomingMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.Sync: {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === SyncStep.Step1) return { kind: 'sync-step1', stateVector: payload };
      if (step === SyncStep.Step2) return { kind: 'sync-step2', update: payload };
      if (step === SyncStep.Update) return { kind: 'sync-update', update: payload };
      throw new ProtocolError(`unknown sync step ${step}`);
    }
    case MessageType.Awareness:
      return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MessageType.QueryAwareness:
      return { kind: 'query-awareness' };
    case MessageType.Auth: {
      const authType = decoding.readVarUint(decoder);
      return { kind: 'auth', authType, reason: decoding.readVarString(decoder) };
    }
    case MessageType.Committed:
      return { kind: 'committed', stateVector: decoding.readVarUint8Array(decoder), ackedUpdateFrames: decoding.readVarUint(decoder) };
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** syncStep1: "here is my state vector, send me what I lack". */
export function writeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncStep.Step1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

/** syncStep2: the answer to a step1, the update the peer lacks. */
export function writeSyncStep2(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncStep.Step2);
    encoding.writeVarUint8Array(e, update);
  });
}

/** syncUpdate: an incremental update. */
export function writeSyncUpdate(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncStep.Update);
    encoding.writeVarUint8Array(e, update);
  });
}

/** awareness: an awareness update (see awareness.ts for its body). */
export function writeAwareness(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(e, update);
  });
}

/** queryAwareness: ask the peer for all awareness states it knows. */
export function writeQueryAwareness(): Uint8Array {
  return frame((e) => encoding.writeVarUint(e, MessageType.QueryAwareness));
}

/** auth/permission-denied with a human-readable reason. */
export function writePermissionDenied(reason: string): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Auth);
    encoding.writeVarUint(e, AuthMessage.PermissionDenied);
    encoding.writeVarString(e, reason);
  });
}

/**
 * committed: the server's durable state vector, plus how many of this connection's update frames
 * (syncStep2 and syncUpdate, counted from the start of the socket) are durable. The count covers what a
 * state vector cannot show: a change that only deletes (Confer extension).
 */
export function writeCommitted(stateVector: Uint8Array, ackedUpdateFrames: number): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Committed);
    encoding.writeVarUint8Array(e, stateVector);
    encoding.writeVarUint(e, ackedUpdateFrames);
  });
}
