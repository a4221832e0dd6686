import { describe, expect, it } from 'vitest';
import { readAwarenessUpdate, writeAwarenessUpdate } from './awareness.js';
import { ProtocolError, readMessage, writeCommitted, writeQueryAwareness, writeSyncStep1, writeSyncStep2, writeSyncUpdate, writeAwareness, writePermissionDenied } from './messages.js';

describe('protocol encode/decode pairs', () => {
  const bytes = new Uint8Array([1, 2, 3]);
  it('round-trips every message', () => {
    expect(readMessage(writeSyncStep1(bytes))).toEqual({ kind: 'sync-step1', stateVector: bytes });
    expect(readMessage(writeSyncStep2(bytes))).toEqual({ kind: 'sync-step2', update: bytes });
    expect(readMessage(writeSyncUpdate(bytes))).toEqual({ kind: 'sync-update', update: bytes });
    expect(readMessage(writeAwareness(bytes))).toEqual({ kind: 'awareness', update: bytes });
    expect(readMessage(writeQueryAwareness())).toEqual({ kind: 'query-awareness' });
    expect(readMessage(writePermissionDenied('no'))).toEqual({ kind: 'auth', authType: 0, reason: 'no' });
    expect(readMessage(writeCommitted(bytes, 7))).toEqual({ kind: 'committed', stateVector: bytes, ackedUpdateFrames: 7 });
  });

  it.each([
    ['empty frame', []],
    ['truncated varint', [0x80]],
    ['unknown type', [0x09]],
    ['unknown sync step', [0, 7, 0]],
    ['length past the end', [0, 2, 5, 1]],
    ['trailing bytes', [3, 0]],
  ])('throws ProtocolError on %s', (_name, frame) => {
    expect(() => readMessage(new Uint8Array(frame))).toThrow(ProtocolError);
  });

  it('round-trips awareness updates and rejects bad JSON or non-object states', () => {
    const entries = [
      { clientId: 5, clock: 2, state: { cursor: null }, stateBytes: 15 },
      { clientId: 9, clock: 1, state: null, stateBytes: 4 },
    ];
    expect(readAwarenessUpdate(writeAwarenessUpdate(entries))).toEqual(entries);
    expect(() => readAwarenessUpdate(new Uint8Array([1, 1, 1, 1, 0x7b]))).toThrow(ProtocolError);
    expect(() => readAwarenessUpdate(new Uint8Array([1, 1, 1, 2, 0x5b, 0x5d]))).toThrow(ProtocolError);
  });
});
