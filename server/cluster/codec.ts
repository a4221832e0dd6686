/**
 * Bus frames: kind (1 byte) • node ID length (1 byte) • node ID (ASCII) • payload. The node ID lets a
 * node skip its own messages; Redis delivers them to every subscriber, publisher included.
 */
import type { BusMessage } from './bus.js';

const kinds = ['update', 'awareness', 'catch-up'] as const;

export function encodeBusFrame(nodeId: string, message: BusMessage): Buffer {
  const id = Buffer.from(nodeId, 'ascii');
  const payload = message.kind === 'catch-up' ? new Uint8Array(0) : message.payload;
  const frame = Buffer.allocUnsafe(2 + id.length + payload.byteLength);
  frame[0] = kinds.indexOf(message.kind);
  frame[1] = id.length;
  id.copy(frame, 2);
  frame.set(payload, 2 + id.length);
  return frame;
}

/** Decodes a frame; null for frames from `selfId` or frames this version does not understand. */
export function decodeBusFrame(frame: Buffer, selfId: string): BusMessage | null {
  if (frame.length < 2) return null;
  const kind = kinds[frame[0] ?? 255];
  const idLength = frame[1] ?? 0;
  if (!kind || frame.length < 2 + idLength) return null;
  if (frame.toString('ascii', 2, 2 + idLength) === selfId) return null;
  const payload = new Uint8Array(frame.buffer, frame.byteOffset + 2 + idLength, frame.length - 2 - idLength);
  return kind === 'catch-up' ? { kind } : { kind, payload };
}
