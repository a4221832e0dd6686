/**
 * Structs whose neighbours break YATA's invariants (server/collab/neighbours.ts). Yjs places such a
 * struct by how each replica happens to have split its items, so without the check the writer and
 * long-connected clients see one text and a fresh joiner another, with equal state vectors. Each test
 * sends one crafted struct from a raw socket and then asks everyone: a long-connected client, a fresh
 * joiner and the document reloaded from storage must hold the same text, without the struct.
 */
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, MessageType, writeSyncUpdate } from '../../shared/protocol/index.js';
import { closeOf, frameOfType, type TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { survives, useRelayFixture } from '../relay/relay-fixture.js';

const relay = useRelayFixture();
const ATTACKER = 99_999;

interface CraftedItem {
  client: number;
  clock: number;
  origin: Y.ID | null;
  rightOrigin: Y.ID | null;
  text: string;
}

/** One update of string items written by hand; an item without neighbours goes into root text `t`. */
function crafted(...items: CraftedItem[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, items.length);
  encoding.writeVarUint(e, items[0]!.client);
  encoding.writeVarUint(e, items[0]!.clock);
  for (const item of items) {
    encoding.writeUint8(e, 4 | (item.origin ? 0x80 : 0) | (item.rightOrigin ? 0x40 : 0)); // string content
    for (const id of [item.origin, item.rightOrigin]) {
      if (!id) continue;
      encoding.writeVarUint(e, id.client);
      encoding.writeVarUint(e, id.clock);
    }
    if (!item.origin && !item.rightOrigin) {
      encoding.writeVarUint(e, 1); // the parent is a root type, by name
      encoding.writeVarString(e, 't');
    }
    encoding.writeVarString(e, item.text);
  }
  encoding.writeVarUint(e, 0); // no deletions
  return encoding.toUint8Array(e);
}

/** Alice's clock `clock` (her text starts at clock 0). */
const alice = (doc: TestClient, clock: number) => Y.createID(doc.doc.clientID, clock);

/** What a reader sees: the text and the array. */
const seen = (doc: Y.Doc) => `${doc.getText('t').toString()} ${JSON.stringify(doc.getArray('a').toJSON())}`;

async function attackerOn(s: TestServer, docId: string): Promise<WebSocket> {
  const ws = await relay.socket(s, docId);
  await frameOfType(ws, MessageType.Sync);
  return ws;
}

/**
 * Sends `update` from `attacker`, then checks that every reader agrees with the writer: a long-connected
 * client (after a round trip that would have carried a relay), a fresh joiner, the server and the
 * document reloaded from storage; then that nothing changed and the attacker got 4400.
 */
async function expectRefusedAndOneDocument(s: TestServer, docId: string, writer: TestClient, attacker: WebSocket, update: Uint8Array): Promise<void> {
  const bob = await relay.client(s, docId);
  const before = seen(writer.doc);
  await waitFor(() => seen(bob.doc) === before, { what: 'bob in sync' });
  const code = closeOf(attacker);
  const refused = !(await survives(attacker, writeSyncUpdate(update)));
  writer.text.insert(writer.text.length, '!');
  const server = s.hub.registry.peek(docId)!.doc;
  const sv = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('hex');
  await waitFor(() => bob.text.toString().endsWith('!') && sv(writer.doc) === sv(server), { what: 'the round trip reached bob and alice' });
  const writers = seen(writer.doc);
  const fresh = await relay.client(s, docId);
  const views = { bob: seen(bob.doc), fresh: seen(fresh.doc), server: seen(server) };
  relay.disconnectAll();
  await waitFor(() => s.hub.registry.size === 0, { what: 'room unloaded' });
  const reloaded = seen((await relay.client(s, docId)).doc);
  expect({ ...views, reloaded }, 'every reader sees what the writer sees').toEqual({ bob: writers, fresh: writers, server: writers, reloaded: writers });
  expect(writers, 'the crafted struct changed nothing').toBe(before.replace(' ', '! '));
  expect(refused, 'the sender was closed').toBe(true);
  expect((await code).code).toBe(CloseCode.Malformed);
}

/** Alice's "abcdef", with her items split after `c` on the server (an insert there, deleted again). */
async function abcdefSplitAfterC(s: TestServer, docId: string): Promise<TestClient> {
  const writer = await relay.client(s, docId);
  writer.text.insert(0, 'abcdef');
  writer.text.insert(3, 'Q');
  writer.text.delete(3, 1);
  await waitFor(() => s.hub.registry.peek(docId)?.doc.getText('t').toString() === 'abcdef', { what: 'server has abcdef' });
  return writer;
}

describe("structs breaking YATA's neighbour invariants", () => {
  it('an item whose origin and right origin are the same item is refused (4400); all readers agree', async () => {
    const s = await relay.start();
    const writer = await abcdefSplitAfterC(s, 'same-neighbour');
    const attacker = await attackerOn(s, 'same-neighbour');
    // Without the check the server and Alice show "abXcdef", a fresh joiner "abcdefX".
    const c = alice(writer, 2);
    await expectRefusedAndOneDocument(s, 'same-neighbour', writer, attacker, crafted({ client: ATTACKER, clock: 0, origin: c, rightOrigin: c, text: 'X' }));
  });

  it('an item whose right origin is left of its origin is refused (4400); all readers agree', async () => {
    const s = await relay.start();
    const writer = await relay.client(s, 'right-of-left');
    writer.text.insert(0, 'abcdef');
    for (const at of [5, 4, 0]) writer.text.delete(at, 1);
    await waitFor(() => s.hub.registry.peek('right-of-left')?.doc.getText('t').toString() === 'bcd', { what: 'server has bcd' });
    const attacker = await attackerOn(s, 'right-of-left');
    // Origin "d", right origin "c": without the check the server shows "bXcd", a fresh joiner "bcdX".
    const update = crafted({ client: ATTACKER, clock: 0, origin: alice(writer, 3), rightOrigin: alice(writer, 2), text: 'X' });
    await expectRefusedAndOneDocument(s, 'right-of-left', writer, attacker, update);
  });

  it('an item whose origin and right origin are in different types is refused (4400); all readers agree', async () => {
    const s = await relay.start();
    const writer = await abcdefSplitAfterC(s, 'two-parents');
    writer.doc.getArray<string>('a').insert(0, ['p', 'q']);
    await waitFor(() => s.hub.registry.peek('two-parents')?.doc.getArray('a').length === 2, { what: 'server has the array' });
    const attacker = await attackerOn(s, 'two-parents');
    const arrayItem = Y.createID(writer.doc.clientID, Y.getState(writer.doc.store, writer.doc.clientID) - 1);
    const update = crafted({ client: ATTACKER, clock: 0, origin: alice(writer, 2), rightOrigin: arrayItem, text: 'X' });
    await expectRefusedAndOneDocument(s, 'two-parents', writer, attacker, update);
  });

  it('an item without neighbours in a text holding its own earlier item is refused (4400); all readers agree', async () => {
    const s = await relay.start();
    const writer = await abcdefSplitAfterC(s, 'no-neighbours');
    const attacker = await attackerOn(s, 'no-neighbours');
    // First an honest "Z" between c and d, then a second item claiming it saw the text empty.
    expect(await survives(attacker, writeSyncUpdate(crafted({ client: ATTACKER, clock: 0, origin: alice(writer, 2), rightOrigin: alice(writer, 3), text: 'Z' })))).toBe(true);
    await waitFor(() => writer.text.toString() === 'abcZdef', { what: 'the honest Z reached alice' });
    await expectRefusedAndOneDocument(s, 'no-neighbours', writer, attacker, crafted({ client: ATTACKER, clock: 1, origin: null, rightOrigin: null, text: 'X' }));
  });

  it('an item whose neighbours are in its own update is refused as Yjs places it; what integrated reaches everyone', async () => {
    const s = await relay.start();
    const writer = await abcdefSplitAfterC(s, 'in-update');
    const attacker = await attackerOn(s, 'in-update');
    // "Y" between c and d is honest; "X" names "Y" as its origin and "a", left of "Y", as its right origin.
    const update = crafted(
      { client: ATTACKER, clock: 0, origin: alice(writer, 2), rightOrigin: alice(writer, 3), text: 'Y' },
      { client: ATTACKER, clock: 1, origin: Y.createID(ATTACKER, 0), rightOrigin: alice(writer, 0), text: 'X' },
    );
    const bob = await relay.client(s, 'in-update');
    const code = closeOf(attacker);
    expect(await survives(attacker, writeSyncUpdate(update)), 'the sender was closed').toBe(false);
    expect((await code).code).toBe(CloseCode.Malformed);
    await waitFor(() => bob.text.toString() === 'abcYdef' && writer.text.toString() === 'abcYdef', { what: 'the honest part reached everyone' });
    const fresh = await relay.client(s, 'in-update');
    expect(fresh.text.toString()).toBe('abcYdef');
    relay.disconnectAll();
    await waitFor(() => s.hub.registry.size === 0, { what: 'room unloaded' });
    expect((await relay.client(s, 'in-update')).text.toString()).toBe('abcYdef');
  });

  it('a held-back struct breaking them is collected when its dependency arrives; the honest sender stays', async () => {
    const s = await relay.start();
    const writer = await abcdefSplitAfterC(s, 'held-back-bad');
    // The attacker's struct names as origin a clock of client 4242 that has not arrived; its right
    // origin is "a", left of anything 4242 can place after "c".
    const late = new Y.Doc();
    late.clientID = 4242;
    Y.applyUpdate(late, Y.encodeStateAsUpdate(writer.doc));
    late.getText('t').insert(3, 'L');
    const head = Y.encodeStateAsUpdate(late, Y.encodeStateVector(writer.doc));
    late.destroy();
    const attacker = await attackerOn(s, 'held-back-bad');
    expect(await survives(attacker, writeSyncUpdate(crafted({ client: ATTACKER, clock: 0, origin: Y.createID(4242, 0), rightOrigin: alice(writer, 0), text: 'X' })))).toBe(true);
    const honest = await attackerOn(s, 'held-back-bad');
    expect(await survives(honest, writeSyncUpdate(head)), 'the sender of the dependency is not closed').toBe(true);
    await waitFor(() => writer.text.toString() === 'abcLdef', { what: 'the dependency reached alice' });
    const fresh = await relay.client(s, 'held-back-bad');
    expect(fresh.text.toString()).toBe('abcLdef');
    expect(s.hub.registry.peek('held-back-bad')!.doc.getText('t').toString()).toBe('abcLdef');
    relay.disconnectAll();
    await waitFor(() => s.hub.registry.size === 0, { what: 'room unloaded' });
    expect((await relay.client(s, 'held-back-bad')).text.toString()).toBe('abcLdef');
  });
});
