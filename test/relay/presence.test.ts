/**
 * Presence is made on first use and expires on one shared sweep (issue 16, memory per room): a room
 * nobody shows presence in holds no Awareness, the first presence still reaches everyone, a vanished
 * client's state is still removed when it is not renewed, and a closed room leaves the sweep.
 */
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AwarenessSweep, awarenessSweep } from '../../server/collab/awareness-sweep.js';
import type { Room } from '../../server/collab/room.js';
import { MessageType, writeQueryAwareness } from '../../shared/protocol/index.js';
import { frameOfType, framesOf } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { useRelayFixture } from './relay-fixture.js';

const relay = useRelayFixture();

async function openRoom(server: TestServer, docId: string): Promise<Room> {
  const room = await waitFor(() => server.hub.registry.peek(docId), { what: `room ${docId} open` });
  if (!room) throw new Error('unreachable: waitFor resolves only with a room');
  return room;
}

describe('presence made on first use', () => {
  it('a room where nobody shows presence has no Awareness; the first presence reaches the others', async () => {
    const server = await relay.start();
    const quiet = await relay.socket(server, 'lazy-presence');
    await frameOfType(quiet, MessageType.Sync);
    const room = await openRoom(server, 'lazy-presence');
    expect(room.presence.started, 'no Awareness before anyone shows presence').toBe(false);
    // Asking for presence in such a room is answered (with nobody), and still makes no Awareness.
    const before = framesOf(quiet).length;
    quiet.send(writeQueryAwareness());
    await frameOfType(quiet, MessageType.Awareness, before);
    expect(room.presence.started).toBe(false);

    const alice = await relay.client(server, 'lazy-presence');
    const bob = await relay.client(server, 'lazy-presence');
    alice.provider.awareness.setLocalStateField('cursor', { at: 3 });
    await waitFor(() => bob.provider.awareness.getStates().get(alice.provider.awareness.clientID)?.cursor?.at === 3, {
      what: "alice's presence at bob",
    });
    expect(room.presence.started).toBe(true);
    // The server's word for `user` still replaces whatever the client sent.
    expect(room.awareness.getStates().get(alice.provider.awareness.clientID)?.user).toBeTruthy();
  });

  it('a closed room takes its Awareness off the shared sweep', async () => {
    const server = await relay.start({ ROOM_UNLOAD_GRACE_MS: '0' });
    const alice = await relay.client(server, 'sweep-leave');
    alice.provider.awareness.setLocalStateField('cursor', { at: 1 });
    const room = await openRoom(server, 'sweep-leave');
    await waitFor(() => room.presence.started && room.awareness.getStates().size === 1, { what: 'presence on the server' });
    const adopted = awarenessSweep.size;
    relay.disconnectAll();
    await waitFor(() => server.hub.registry.size === 0, { what: 'the room unloaded' });
    expect(awarenessSweep.size).toBe(adopted - 1);
  });
});

describe('AwarenessSweep', () => {
  it("removes a vanished client's state once it is not renewed, and keeps a renewed one", async () => {
    // A long timeout, and the vanished state aged past it by hand: a stalled test machine cannot make
    // the renewed state look stale, so the only way to fail is a sweep that does the wrong thing.
    const timeoutMs = 60_000;
    const sweep = new AwarenessSweep({ timeoutMs, intervalMs: 20 });
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    awareness.setLocalState(null);
    sweep.adopt(awareness);
    const vanished = new Awareness(new Y.Doc());
    const present = new Awareness(new Y.Doc());
    vanished.setLocalStateField('cursor', 1);
    present.setLocalStateField('cursor', 1);
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(vanished, [vanished.clientID]), 'remote');
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(present, [present.clientID]), 'remote');
    const removed: number[] = [];
    awareness.on('update', ({ removed: gone }: { removed: number[] }, origin: unknown) => {
      if (origin === 'timeout') removed.push(...gone);
    });
    const vanishedMeta = awareness.meta.get(vanished.clientID);
    if (!vanishedMeta) throw new Error('the vanished state was not applied');
    vanishedMeta.lastUpdated -= timeoutMs + 1_000;
    await waitFor(() => removed.includes(vanished.clientID), { timeoutMs: 10_000, intervalMs: 20, what: 'the vanished client expired' });
    expect(awareness.getStates().has(vanished.clientID)).toBe(false);
    expect(awareness.getStates().has(present.clientID), 'a renewed state stays').toBe(true);
    expect(removed).not.toContain(present.clientID);
    sweep.release(awareness);
    expect(sweep.size).toBe(0);
    for (const a of [awareness, vanished, present]) a.destroy();
  });
});
