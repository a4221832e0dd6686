/**
 * Malformed input, one socket at a time: each bad frame closes only its own socket with the documented
 * code; the server keeps serving everyone else and the document is unchanged.
 */
import * as encoding from 'lib0/encoding';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { limits } from '../../shared/limits.js';
import { CloseCode, MessageType, writeAwareness, writeSyncUpdate } from '../../shared/protocol/index.js';
import { closeOf, frameOfType, framesOf, rawSocket, upgradeStatus, type TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { useRelayFixture } from './relay-fixture.js';

let server: TestServer;
let alice: TestClient;
let bob: TestClient;
const DOC = 'bad-input';

const relay = useRelayFixture({ scope: 'file' });

beforeAll(async () => {
  // A flood is slowed first and closed only after staying over budget this long (30 s by default).
  server = await relay.start({ THROTTLE_CLOSE_AFTER_MS: '1000' });
  alice = await relay.client(server, DOC);
  bob = await relay.client(server, DOC);
  // A fresh Awareness has clock 0, which y-protocols peers ignore; setting a field makes it visible.
  alice.provider.awareness.setLocalStateField('cursor', null);
  bob.provider.awareness.setLocalStateField('cursor', null);
  await waitFor(() => server.hub.registry.peek(DOC)?.awareness.getStates().size === 2, { what: 'presence on the server' });
  alice.text.insert(0, 'stable content');
  await waitFor(() => bob.text.toString() === 'stable content', { what: 'initial sync' });
});

function awarenessWithState(clientId: number, state: unknown): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, clientId);
  encoding.writeVarUint(e, 1);
  encoding.writeVarString(e, JSON.stringify(state));
  return writeAwareness(encoding.toUint8Array(e));
}

/** Sends one frame on a fresh socket and returns its close code. */
async function sendBad(frame: Uint8Array | string): Promise<number> {
  const ws: WebSocket = await rawSocket(server.url, DOC);
  const closed = closeOf(ws);
  ws.send(frame);
  return (await closed).code;
}

/** Afterwards: the document is unchanged and the two good clients still talk to each other. */
async function othersUnaffected(): Promise<void> {
  const live = server.hub.registry.peek(DOC)?.doc.getText('t').toString();
  expect(live).toBe(alice.text.toString());
  const marker = `+${Math.random().toString(36).slice(2, 8)}`;
  alice.text.insert(alice.text.length, marker);
  await waitFor(() => bob.text.toString().endsWith(marker), { what: 'good clients still served' });
}

describe('bad input', () => {
  const cases: Array<[string, () => Uint8Array | string, number]> = [
    ['a truncated varint', () => new Uint8Array([0x80]), CloseCode.Malformed],
    ['an unknown message type', () => new Uint8Array([0x07, 0x00]), CloseCode.Malformed],
    ['an unknown sync step', () => new Uint8Array([0x00, 0x09, 0x00]), CloseCode.Malformed],
    ['a byte array longer than the frame', () => new Uint8Array([0x00, 0x02, 0x7f, 0x01]), CloseCode.Malformed],
    ['an update that Yjs rejects', () => writeSyncUpdate(new Uint8Array([0x05, 0xff, 0xff, 0xff, 0x01, 0x02, 0x03])), CloseCode.Malformed],
    ['a text frame', () => 'hello', CloseCode.Malformed],
    ['invalid awareness JSON', () => writeAwareness(new Uint8Array([1, 7, 1, 3, 0x7b, 0x7b, 0x7b])), CloseCode.Malformed],
    ['an oversized awareness state', () => awarenessWithState(4242, { blob: 'x'.repeat(limits.maxAwarenessStateBytes + 10) }), CloseCode.TooLarge],
    ['an oversized frame', () => writeSyncUpdate(new Uint8Array(limits.maxFrameBytes + 16)), CloseCode.TooLarge],
  ];

  it.each(cases)('%s closes only that socket', async (_name, make, code) => {
    const before = server.hub.registry.peek(DOC)?.doc.getText('t').toString();
    expect(await sendBad(make())).toBe(code);
    expect(server.hub.registry.peek(DOC)?.doc.getText('t').toString()).toBe(before);
    await othersUnaffected();
  });

  it('random bytes either close the socket with 4400 or change nothing', async () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let i = 0; i < 25; i++) {
      const frame = new Uint8Array(1 + (rand() % 64)).map(() => rand() & 0xff);
      const before = Y.encodeStateVector(server.hub.registry.peek(DOC)!.doc);
      const ws = await rawSocket(server.url, DOC);
      // The server greets with everyone's presence; wait for it so later awareness frames are replies.
      await frameOfType(ws, MessageType.Awareness);
      const from = framesOf(ws).length;
      const closed = closeOf(ws).then((c) => c.code);
      const answered = frameOfType(ws, MessageType.Awareness, from).then(() => 0, () => -2);
      ws.send(frame);
      // A query-awareness probe is answered only if the random frame left the socket open.
      ws.send(new Uint8Array([MessageType.QueryAwareness]));
      const outcome = await Promise.race([closed, answered]);
      if (outcome !== 0) expect(outcome).toBe(CloseCode.Malformed);
      ws.terminate();
      const after = Y.encodeStateVector(server.hub.registry.peek(DOC)!.doc);
      expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true);
    }
    await othersUnaffected();
  });

  it('a flood of messages that stays over budget closes the sender with 4429', async () => {
    const ws = await rawSocket(server.url, DOC);
    const closed = closeOf(ws);
    const ping = new Uint8Array([0x03]);
    // Far more than the burst plus what the bucket refills even if the machine is slow to deliver them.
    for (let i = 0; i < limits.maxMessagesPerSecond * 50; i++) ws.send(ping);
    expect((await closed).code).toBe(CloseCode.RateLimited);
    await othersUnaffected();
  });

  it('rejects invalid document IDs before upgrading', async () => {
    expect(await upgradeStatus(server.url, 'x'.repeat(200))).toBe(400);
    expect(await upgradeStatus(server.url, 'semi;colon')).toBe(400);
    expect(await upgradeStatus(server.url, 'fine-id_1')).toBe(101);
  });
});
