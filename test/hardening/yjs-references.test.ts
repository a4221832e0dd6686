/**
 * Updates whose references Yjs itself does not check: structs pointing into their own client's future,
 * parents that are not shared types, and a writer reusing another client's IDs. Each is refused (or
 * kept from joiners) without reloading the room, and honest edits of the same shapes still pass.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, MessageType, writeSyncUpdate } from '../../shared/protocol/index.js';
import { closeOf, frameOfType } from '../helpers/clients.js';
import { waitFor } from '../helpers/wait.js';
import { useRelayFixture, survives } from '../relay/relay-fixture.js';

const relay = useRelayFixture();

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
    const s = await relay.start();
    const alice = await relay.client(s, 'bad-parent');
    alice.text.insert(0, 'hello');
    await waitFor(() => s.hub.registry.peek('bad-parent')?.doc.getText('t').toString() === 'hello', { what: 'server has hello' });
    const attacker = await relay.socket(s, 'bad-parent');
    await frameOfType(attacker, MessageType.Sync);
    const code = closeOf(attacker);
    attacker.send(writeSyncUpdate(stringAsParent(88_888)));
    expect((await code).code).toBe(CloseCode.Malformed);
    expect(s.hub.registry.peek('bad-parent')?.doc.getText('t').toString()).toBe('hello');
    expect(alice.text.toString()).toBe('hello');
  });

  it('an honest insert into a nested type that someone else deleted meanwhile is accepted', async () => {
    const s = await relay.start();
    const alice = await relay.client(s, 'deleted-parent');
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
    const writer = await relay.socket(s, 'deleted-parent');
    await frameOfType(writer, MessageType.Sync);
    expect(await survives(writer, writeSyncUpdate(lateWrite))).toBe(true);
    expect(s.hub.registry.peek('deleted-parent')?.doc.getArray('a').length).toBe(0);
  });

  it("a struct referring to its own client's future closes only its sender (4400); the room is not reloaded", async () => {
    const s = await relay.start();
    const [alice, bob] = [await relay.client(s, 'self-ref'), await relay.client(s, 'self-ref')];
    alice.text.insert(0, 'steady');
    await waitFor(() => bob.text.toString() === 'steady', { what: 'honest clients in sync' });
    const room = s.hub.registry.peek('self-ref');
    const attacker = await relay.socket(s, 'self-ref');
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
    const s = await relay.start();
    const alice = await relay.client(s, 'split');
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
    const attacker = await relay.socket(s, 'split');
    await frameOfType(attacker, MessageType.Sync);
    await survives(attacker, writeSyncUpdate(attack));
    const bob = await relay.client(s, 'split');
    expect(bob.text.toString()).toBe(alice.text.toString());
    expect(s.hub.registry.peek('split')?.doc.getText('t').toString()).toBe('hello');
  });
});
