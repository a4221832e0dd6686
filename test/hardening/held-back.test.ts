/**
 * Updates whose structs wait for missing dependencies (far-future clocks): the held-back store stays
 * within its byte and missing-client limits (the sender is closed with 4413), and what is held back
 * within them survives compaction as log rows of its own and integrates when its head arrives.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { limits } from '../../shared/limits.js';
import { CloseCode, MessageType, writeSyncUpdate } from '../../shared/protocol/index.js';
import { closeOf, frameOfType } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { useRelayFixture, survives } from '../relay/relay-fixture.js';

const relay = useRelayFixture();

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


function pendingBytes(s: TestServer, docId: string): number {
  const store = s.hub.registry.peek(docId)?.doc.store;
  return (store?.pendingStructs?.update.byteLength ?? 0) + (store?.pendingDs?.byteLength ?? 0);
}

describe('updates with missing dependencies', () => {
  it('keep the pending store within its limit, close the sender with 4413, and change nothing visible', async () => {
    const s = await relay.start();
    const [alice, bob] = [await relay.client(s, 'pending'), await relay.client(s, 'pending')];
    alice.text.insert(0, 'visible text');
    await waitFor(() => bob.text.toString() === 'visible text', { what: 'honest clients in sync' });

    const piece = limits.maxPendingStructBytesPerRoom / 8;
    const attacker = await relay.socket(s, 'pending');
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
    const second = await relay.socket(s, 'pending');
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
    relay.disconnectAll();
    await waitFor(() => s.hub.registry.size === 0, { what: 'room unloaded' });
    const again = await relay.client(s, 'pending');
    expect(again.text.toString()).toBe('visible text!');
    expect(pendingBytes(s, 'pending')).toBeLessThanOrEqual(limits.maxPendingStructBytesPerRoom);
  });

  it('wait for at most maxPendingDependenciesPerRoom missing clients, however small', async () => {
    const s = await relay.start();
    const attacker = await relay.socket(s, 'pending-many');
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
    const s = await relay.start();
    const alice = await relay.client(s, 'pending-ds');
    alice.text.insert(0, 'keep');
    const ghost = new Y.Doc();
    ghost.clientID = 4242;
    ghost.getText('t').insert(0, 'ghost text');
    const known = Y.encodeStateVector(ghost);
    ghost.getText('t').delete(0, 5);
    const deletesOnly = Y.encodeStateAsUpdate(ghost, known);
    ghost.destroy();
    const attacker = await relay.socket(s, 'pending-ds');
    await frameOfType(attacker, MessageType.Sync);
    expect(await survives(attacker, writeSyncUpdate(deletesOnly))).toBe(true);
    await waitFor(() => s.hub.registry.peek('pending-ds')?.doc.getText('t').toString() === 'keep', { what: 'alice committed' });
    expect(alice.text.toString()).toBe('keep');
  });
});

describe('held-back structs across compaction', () => {
  it('are carried over as their own log rows, never merged into the snapshot, and integrate once their head arrives', async () => {
    const s = await relay.start();
    const alice = await relay.client(s, 'carry');
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
    const writer = await relay.socket(s, 'carry');
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
    relay.disconnectAll();
    await waitFor(() => s.hub.registry.size === 0, { what: 'room unloaded' });
    const bob = await relay.client(s, 'carry');
    expect(pendingBytes(s, 'carry')).toBeGreaterThan(0);
    const headWriter = await relay.socket(s, 'carry');
    await frameOfType(headWriter, MessageType.Sync);
    expect(await survives(headWriter, writeSyncUpdate(head))).toBe(true);
    await waitFor(() => bob.text.toString().includes('HEAD and tail'), { what: 'the carried tail integrated and reached bob' });
    expect(pendingBytes(s, 'carry')).toBe(0);
  });
});
