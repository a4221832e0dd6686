/**
 * Malicious but well-formed Yjs: updates whose dependencies never arrive (far-future clocks), huge
 * valid updates, deep nesting, and awareness floods. Each attack is bounded by a limit in
 * shared/limits.ts, closes only the attacker, and leaves other clients' documents as they were.
 */
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { openAccessPolicy } from '../../server/collab/access.js';
import { limits } from '../../shared/limits.js';
import { CloseCode, MessageType, writeAwareness, writeQueryAwareness, writeSyncUpdate } from '../../shared/protocol/index.js';
import { closeOf, connectClient, frameOfType, framesOf, rawSocket, type TestClient } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

let server: TestServer | undefined;
const clients: TestClient[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.terminate();
  await server?.dispose();
  server = undefined;
});

async function start(): Promise<TestServer> {
  server = await startTestServer({ policy: openAccessPolicy() });
  return server;
}

async function client(s: TestServer, docId: string): Promise<TestClient> {
  const c = await connectClient(s.url, docId);
  clients.push(c);
  return c;
}

async function socket(s: TestServer, docId: string): Promise<WebSocket> {
  const ws = await rawSocket(s.url, docId);
  // survives() adds a close listener per probe on purpose.
  ws.setMaxListeners(0);
  sockets.push(ws);
  return ws;
}

/** An update whose structs depend on clocks 0-3 of `clientId`, which it leaves out: it can never integrate. */
function detachedUpdate(clientId: number, payloadChars: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const text = doc.getText('t');
  text.insert(0, 'head');
  const known = Y.encodeStateVector(doc);
  text.insert(4, 'x'.repeat(payloadChars));
  const update = Y.encodeStateAsUpdate(doc, known);
  doc.destroy();
  return update;
}

/** Sends `frame`, then a probe; true if the socket answered (it survived), false if it was closed. */
async function survives(ws: WebSocket, frame: Uint8Array): Promise<boolean> {
  const from = framesOf(ws).length;
  const closed = closeOf(ws).then(() => false);
  ws.send(frame);
  ws.send(writeQueryAwareness());
  return Promise.race([closed, frameOfType(ws, MessageType.Awareness, from).then(() => true)]);
}

function pendingBytes(s: TestServer, docId: string): number {
  const store = s.hub.registry.peek(docId)?.doc.store;
  return (store?.pendingStructs?.update.byteLength ?? 0) + (store?.pendingDs?.byteLength ?? 0);
}

describe('updates with missing dependencies', () => {
  it('keep the pending store within its limit, close the sender with 4413, and change nothing visible', async () => {
    const s = await start();
    const [alice, bob] = [await client(s, 'pending'), await client(s, 'pending')];
    alice.text.insert(0, 'visible text');
    await waitFor(() => bob.text.toString() === 'visible text', { what: 'honest clients in sync' });

    const piece = limits.maxPendingStructBytesPerRoom / 8;
    const attacker = await socket(s, 'pending');
    await frameOfType(attacker, MessageType.Sync);
    let accepted = 0;
    let closedAt = -1;
    for (let i = 0; i < 2 * Math.ceil(limits.maxPendingStructBytesPerRoom / piece); i++) {
      const code = closeOf(attacker);
      if (!(await survives(attacker, writeSyncUpdate(detachedUpdate(1_000 + i, piece))))) {
        closedAt = i;
        expect((await code).code).toBe(CloseCode.TooLarge);
        break;
      }
      accepted += 1;
      expect(pendingBytes(s, 'pending')).toBeLessThanOrEqual(limits.maxPendingStructBytesPerRoom);
    }
    expect(closedAt, 'the attacker was closed before it sent twice the limit').toBeGreaterThan(0);
    expect(accepted).toBeLessThanOrEqual(Math.ceil(limits.maxPendingStructBytesPerRoom / piece));
    expect(pendingBytes(s, 'pending')).toBeLessThanOrEqual(limits.maxPendingStructBytesPerRoom);

    // The room is at its limit: a second attacker is refused at once, and the store does not grow.
    const second = await socket(s, 'pending');
    await frameOfType(second, MessageType.Sync);
    const secondCode = closeOf(second);
    expect(await survives(second, writeSyncUpdate(detachedUpdate(9_999, piece)))).toBe(false);
    expect((await secondCode).code).toBe(CloseCode.TooLarge);
    expect(pendingBytes(s, 'pending')).toBeLessThanOrEqual(limits.maxPendingStructBytesPerRoom);

    // Nothing held back ever reached the honest clients, and they still reach each other.
    bob.text.insert(bob.text.length, '!');
    await waitFor(() => alice.text.toString() === 'visible text!', { what: 'honest clients still served' });
    expect(s.hub.registry.peek('pending')?.doc.getText('t').toString()).toBe('visible text!');

    // What was stored is bounded too: after an unload and reload the pending store is within the limit.
    for (const c of clients.splice(0)) c.destroy();
    for (const w of sockets.splice(0)) w.terminate();
    await waitFor(() => s.hub.registry.size === 0, { what: 'room unloaded' });
    const again = await client(s, 'pending');
    expect(again.text.toString()).toBe('visible text!');
    expect(pendingBytes(s, 'pending')).toBeLessThanOrEqual(limits.maxPendingStructBytesPerRoom);
  });

  it('wait for at most maxPendingDependenciesPerRoom missing clients, however small', async () => {
    const s = await start();
    const attacker = await socket(s, 'pending-many');
    await frameOfType(attacker, MessageType.Sync);
    const code = closeOf(attacker);
    let accepted = 0;
    for (let i = 0; i < 2 * limits.maxPendingDependenciesPerRoom; i++) {
      if (!(await survives(attacker, writeSyncUpdate(detachedUpdate(5_000 + i, 1))))) break;
      accepted += 1;
    }
    expect(accepted).toBe(limits.maxPendingDependenciesPerRoom);
    expect((await code).code).toBe(CloseCode.TooLarge);
    expect(s.hub.registry.peek('pending-many')?.doc.store.pendingStructs?.missing.size).toBe(limits.maxPendingDependenciesPerRoom);
  });

  it('a delete set for structs nobody has is held back, not applied, and the sender stays connected', async () => {
    const s = await start();
    const alice = await client(s, 'pending-ds');
    alice.text.insert(0, 'keep');
    const ghost = new Y.Doc();
    ghost.clientID = 4242;
    ghost.getText('t').insert(0, 'ghost text');
    const known = Y.encodeStateVector(ghost);
    ghost.getText('t').delete(0, 5);
    const deletesOnly = Y.encodeStateAsUpdate(ghost, known);
    ghost.destroy();
    const attacker = await socket(s, 'pending-ds');
    await frameOfType(attacker, MessageType.Sync);
    expect(await survives(attacker, writeSyncUpdate(deletesOnly))).toBe(true);
    await waitFor(() => s.hub.registry.peek('pending-ds')?.doc.getText('t').toString() === 'keep', { what: 'alice committed' });
    expect(alice.text.toString()).toBe('keep');
  });
});

describe('held-back structs across compaction', () => {
  it('are carried over as their own log rows, never merged into the snapshot, and integrate once their head arrives', async () => {
    const s = await start();
    const alice = await client(s, 'carry');
    alice.text.insert(0, 'base');
    // A late writer: its head ("HEAD") is missing, so the tail waits in the pending store.
    const late = new Y.Doc();
    late.clientID = 31_337;
    late.getText('t').insert(0, 'HEAD');
    const head = Y.encodeStateAsUpdate(late);
    const known = Y.encodeStateVector(late);
    late.getText('t').insert(4, ' and tail');
    const tail = Y.encodeStateAsUpdate(late, known);
    late.destroy();
    const writer = await socket(s, 'carry');
    await frameOfType(writer, MessageType.Sync);
    expect(await survives(writer, writeSyncUpdate(tail))).toBe(true);
    const room = s.hub.registry.peek('carry')!;
    await room.whenDurable();
    expect(pendingBytes(s, 'carry')).toBeGreaterThan(0);

    await room.compact();
    const stored = await s.storage.documents.load('carry');
    const fromSnapshot = new Y.Doc();
    Y.applyUpdate(fromSnapshot, stored.snapshot!);
    expect(fromSnapshot.store.pendingStructs, 'the snapshot holds only integrated structs').toBeNull();
    expect(fromSnapshot.getText('t').toString()).toBe('base');
    fromSnapshot.destroy();
    const carried = stored.updates.flatMap((u) => Y.decodeUpdate(u).structs.map((struct) => struct.id.client));
    expect(carried, 'the held-back tail is a log row of its own').toContain(31_337);

    // After an unload and reload the tail is still held back, and the head makes it integrate.
    for (const c of clients.splice(0)) c.destroy();
    for (const w of sockets.splice(0)) w.terminate();
    await waitFor(() => s.hub.registry.size === 0, { what: 'room unloaded' });
    const bob = await client(s, 'carry');
    expect(pendingBytes(s, 'carry')).toBeGreaterThan(0);
    const headWriter = await socket(s, 'carry');
    await frameOfType(headWriter, MessageType.Sync);
    expect(await survives(headWriter, writeSyncUpdate(head))).toBe(true);
    await waitFor(() => bob.text.toString().includes('HEAD and tail'), { what: 'the carried tail integrated and reached bob' });
    expect(pendingBytes(s, 'carry')).toBe(0);
  });
});

describe('references Yjs does not check', () => {
  /** One struct at clock 0 whose origin is its own client's clock 5: a reference into its own future. */
  function forwardSelfReference(client: number): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1); // one client
    encoding.writeVarUint(e, 1); // one struct
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, 0); // its first clock
    encoding.writeUint8(e, 0x80 | 4); // an Item with an origin and string content
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, 5); // the origin: own client, a later clock
    encoding.writeVarString(e, 'x');
    encoding.writeVarUint(e, 0); // no deletions
    return encoding.toUint8Array(e);
  }

  /** Two structs: "a" at the start of root text `t`, then "b" whose parent is that string item, not a type. */
  function stringAsParent(client: number): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1); // one client
    encoding.writeVarUint(e, 2); // two structs
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, 0);
    encoding.writeUint8(e, 4); // string content, no origins: parent info follows
    encoding.writeVarUint(e, 1); // the parent is a root type, by name
    encoding.writeVarString(e, 't');
    encoding.writeVarString(e, 'a');
    encoding.writeUint8(e, 4);
    encoding.writeVarUint(e, 0); // the parent is an item, by ID
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, 0); // ...the string "a"
    encoding.writeVarString(e, 'b');
    encoding.writeVarUint(e, 0); // no deletions
    return encoding.toUint8Array(e);
  }

  it('an update naming a string as a parent is refused whole (4400) and changes nothing', async () => {
    const s = await start();
    const alice = await client(s, 'bad-parent');
    alice.text.insert(0, 'hello');
    await waitFor(() => s.hub.registry.peek('bad-parent')?.doc.getText('t').toString() === 'hello', { what: 'server has hello' });
    const attacker = await socket(s, 'bad-parent');
    await frameOfType(attacker, MessageType.Sync);
    const code = closeOf(attacker);
    attacker.send(writeSyncUpdate(stringAsParent(88_888)));
    expect((await code).code).toBe(CloseCode.Malformed);
    expect(s.hub.registry.peek('bad-parent')?.doc.getText('t').toString()).toBe('hello');
    expect(alice.text.toString()).toBe('hello');
  });

  it('an honest insert into a nested type that someone else deleted meanwhile is accepted', async () => {
    const s = await start();
    const alice = await client(s, 'deleted-parent');
    const nested = new Y.Map<string>();
    alice.doc.getArray<Y.Map<string>>('a').push([nested]);
    await waitFor(() => s.hub.registry.peek('deleted-parent')?.doc.getArray('a').length === 1, { what: 'server has the nested map' });
    // Bob has the map and writes into it without having seen Alice delete it.
    const bob = new Y.Doc();
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice.doc));
    alice.doc.getArray('a').delete(0, 1);
    await waitFor(() => s.hub.registry.peek('deleted-parent')?.doc.getArray('a').length === 0, { what: 'server saw the deletion' });
    const before = Y.encodeStateVector(bob);
    bob.getArray<Y.Map<string>>('a').get(0).set('late', 'write');
    const lateWrite = Y.encodeStateAsUpdate(bob, before);
    bob.destroy();
    const writer = await socket(s, 'deleted-parent');
    await frameOfType(writer, MessageType.Sync);
    expect(await survives(writer, writeSyncUpdate(lateWrite))).toBe(true);
    expect(s.hub.registry.peek('deleted-parent')?.doc.getArray('a').length).toBe(0);
  });

  it("a struct referring to its own client's future closes only its sender (4400); the room is not reloaded", async () => {
    const s = await start();
    const [alice, bob] = [await client(s, 'self-ref'), await client(s, 'self-ref')];
    alice.text.insert(0, 'steady');
    await waitFor(() => bob.text.toString() === 'steady', { what: 'honest clients in sync' });
    const room = s.hub.registry.peek('self-ref');
    const attacker = await socket(s, 'self-ref');
    await frameOfType(attacker, MessageType.Sync);
    const code = closeOf(attacker);
    attacker.send(writeSyncUpdate(forwardSelfReference(77_777)));
    expect((await code).code).toBe(CloseCode.Malformed);
    // Without the check Yjs throws halfway, the room fails and every socket gets 1013.
    expect(s.hub.registry.peek('self-ref')).toBe(room);
    expect(room?.isFailed).toBe(false);
    bob.text.insert(bob.text.length, '!');
    await waitFor(() => alice.text.toString() === 'steady!', { what: 'honest clients still served by the same room' });
  });
});

describe('reused client IDs', () => {
  it('a writer reusing another client\'s IDs cannot show joiners a different document', async () => {
    const s = await start();
    const alice = await client(s, 'split');
    alice.text.insert(0, 'hello');
    await waitFor(() => s.hub.registry.peek('split')?.doc.getText('t').toString() === 'hello', { what: 'server has hello' });
    // The attacker claims Alice's client ID for clocks 2-6, anchored on a struct it never sends, so
    // the server holds it back; merged into a joiner's sync reply it would be re-sliced and integrate.
    const evil = new Y.Doc();
    evil.clientID = alice.doc.clientID;
    evil.getText('t').insert(0, 'ab');
    evil.clientID = 999_999;
    evil.getText('t').insert(2, 'Z');
    evil.clientID = alice.doc.clientID;
    evil.getText('t').insert(3, 'HACKD');
    const sv = encoding.createEncoder();
    encoding.writeVarUint(sv, 2);
    encoding.writeVarUint(sv, 999_999);
    encoding.writeVarUint(sv, 1);
    encoding.writeVarUint(sv, alice.doc.clientID);
    encoding.writeVarUint(sv, 2);
    const attack = Y.encodeStateAsUpdate(evil, encoding.toUint8Array(sv));
    evil.destroy();
    const attacker = await socket(s, 'split');
    await frameOfType(attacker, MessageType.Sync);
    await survives(attacker, writeSyncUpdate(attack));
    const bob = await client(s, 'split');
    expect(bob.text.toString()).toBe(alice.text.toString());
    expect(s.hub.registry.peek('split')?.doc.getText('t').toString()).toBe('hello');
  });
});

describe('large and deep valid updates', () => {
  it('a huge valid update (6 MB) is applied, relayed and stored', { timeout: 60_000 }, async () => {
    const s = await start();
    const [alice, bob] = [await client(s, 'huge'), await client(s, 'huge')];
    const big = 'a'.repeat(6 * 1024 * 1024);
    alice.text.insert(0, big);
    await waitFor(() => bob.text.length === big.length, { what: 'bob receives 6 MB', timeoutMs: 30_000 });
    await s.hub.registry.peek('huge')?.whenDurable();
    const stored = await s.storage.documents.load('huge');
    const rebuilt = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(rebuilt, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(rebuilt, u);
    expect(rebuilt.getText('t').length).toBe(big.length);
    rebuilt.destroy();
  });

  it('20,000 levels of nesting neither crash the server nor block other documents', { timeout: 60_000 }, async () => {
    const s = await start();
    const [alice, bob] = [await client(s, 'deep'), await client(s, 'deep')];
    const [carol, dave] = [await client(s, 'elsewhere'), await client(s, 'elsewhere')];
    const depth = 20_000;
    alice.doc.transact(() => {
      let parent: Y.XmlFragment | Y.XmlElement = alice.doc.getXmlFragment('default');
      for (let d = 0; d < depth; d++) {
        const child: Y.XmlElement = new Y.XmlElement('blockquote');
        parent.insert(0, [child]);
        parent = child;
      }
      const array = alice.doc.getArray<Y.Array<unknown>>('a');
      let inner = new Y.Array<unknown>();
      array.push([inner]);
      for (let d = 0; d < depth; d++) {
        const next: Y.Array<unknown> = new Y.Array<unknown>();
        inner.push([next]);
        inner = next;
      }
    });
    await waitFor(() => bob.doc.getXmlFragment('default').length === 1 && bob.doc.getArray('a').length === 1, { what: 'bob receives the nesting' });
    carol.text.insert(0, 'unaffected');
    await waitFor(() => dave.text.toString() === 'unaffected', { what: 'other documents still served' });
    // Unload and reload from storage: the nested document comes back whole.
    for (const c of clients.splice(0)) c.destroy();
    await waitFor(() => s.hub.registry.size === 0, { what: 'rooms unloaded' });
    const reloaded = await client(s, 'deep');
    let levels = 0;
    let node: Y.XmlElement | undefined = reloaded.doc.getXmlFragment('default').get(0) as Y.XmlElement | undefined;
    while (node) {
      levels += 1;
      node = node.get(0) as Y.XmlElement | undefined;
    }
    expect(levels).toBe(depth);
  });
});

/** An awareness frame introducing `count` client IDs starting at `first`. */
function manyClients(first: number, count: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(e, first + i);
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, JSON.stringify({ cursor: { anchor: i }, user: { name: `fake ${i}` } }));
  }
  return writeAwareness(encoding.toUint8Array(e));
}

describe('awareness floods', () => {
  it(`one connection never holds more than ${limits.maxAwarenessClientsPerConnection} presences, and they leave with it`, async () => {
    const s = await start();
    const [alice, bob] = [await client(s, 'presence'), await client(s, 'presence')];
    alice.provider.awareness.setLocalStateField('cursor', null);
    bob.provider.awareness.setLocalStateField('cursor', null);
    await waitFor(() => s.hub.registry.peek('presence')?.awareness.getStates().size === 2, { what: 'honest presence' });

    const attacker = await socket(s, 'presence');
    await frameOfType(attacker, MessageType.Sync);
    expect(await survives(attacker, manyClients(10_000, 500))).toBe(true);
    for (let batch = 1; batch <= 20; batch++) expect(await survives(attacker, manyClients(10_000 + batch * 500, 50))).toBe(true);
    const room = s.hub.registry.peek('presence');
    expect(room?.awareness.getStates().size).toBe(2 + limits.maxAwarenessClientsPerConnection);
    await waitFor(() => alice.provider.awareness.getStates().size === 2 + limits.maxAwarenessClientsPerConnection, { what: 'alice sees the capped set' });
    // The server writes `user`: the attacker's fake names never reach anyone.
    for (const state of alice.provider.awareness.getStates().values()) {
      expect(JSON.stringify(state)).not.toContain('fake');
    }
    attacker.terminate();
    await waitFor(() => alice.provider.awareness.getStates().size === 2, { what: 'flooded presences removed' });
    expect(room?.awareness.getStates().size).toBe(2);
  });
});
