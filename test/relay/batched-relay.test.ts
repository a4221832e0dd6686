/**
 * The updates one group commit releases for a room reach each receiver as one frame (merged), never
 * before the commit: a faulty store holds the first commit in flight while more updates are applied, so
 * the next commit carries several of them and each test orders events instead of timing them.
 */
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readMessage, writeSyncUpdate } from '../../shared/protocol/index.js';
import { framesOf } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { createFaults, faultyStore, type Faults } from '../hardening/faulty-store.js';
import { useRelayFixture } from './relay-fixture.js';

const relay = useRelayFixture();

/** A raw socket that writes with its own Y.Doc: every local transaction is one update frame. */
async function writer(s: TestServer, docId: string): Promise<{ ws: WebSocket; text: Y.Text }> {
  const ws = await relay.socket(s, docId);
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => ws.send(writeSyncUpdate(update)));
  return { ws, text: doc.getText('t') };
}

/** The update frames a raw socket received so far, and the text they make. */
function received(ws: WebSocket): { frames: number; text: string } {
  const doc = new Y.Doc();
  let frames = 0;
  for (const frame of framesOf(ws)) {
    const message = readMessage(frame);
    if (message.kind !== 'sync-update') continue;
    frames += 1;
    Y.applyUpdate(doc, message.update);
  }
  return { frames, text: doc.getText('t').toString() };
}

/** Holds the next commit in flight until the returned function is called; later commits pass. */
function holdNextCommit(faults: Faults): () => void {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  faults.beforeAppend = () => {
    faults.beforeAppend = null;
    return gate;
  };
  return () => open();
}

async function start(): Promise<{ server: TestServer; faults: Faults }> {
  const faults = createFaults();
  const server = await relay.startWith({ wrapStore: (store) => faultyStore(store, faults) });
  return { server, faults };
}

function liveText(s: TestServer, docId: string): string {
  return s.hub.registry.peek(docId)?.doc.getText('t').toString() ?? '';
}

describe('relay batching', () => {
  it("one commit's updates reach each receiver as one frame, none before it, and not their own author", async () => {
    const { server, faults } = await start();
    const author = await writer(server, 'batched');
    const listener = await relay.socket(server, 'batched');
    await waitFor(() => server.hub.registry.peek('batched')?.connections.size === 2, { what: 'both sockets in the room' });

    const release = holdNextCommit(faults);
    author.text.insert(0, 'a');
    await waitFor(() => liveText(server, 'batched') === 'a', { what: 'first update applied' });
    // The first commit is in flight: these three wait for the next one, together.
    for (const letter of ['b', 'c', 'd']) author.text.insert(author.text.length, letter);
    await waitFor(() => liveText(server, 'batched') === 'abcd', { what: 'all updates applied' });
    expect(received(listener).frames, 'nothing leaves before its commit').toBe(0);

    release();
    await waitFor(() => received(listener).text === 'abcd', { what: 'listener has every update' });
    expect(received(listener).frames, 'one frame per commit, not one per update').toBe(2);
    expect(received(author.ws).frames, 'an author does not get its own updates back').toBe(0);
  });

  it('updates of several authors in one commit go to everyone as one frame', async () => {
    const { server, faults } = await start();
    const alice = await writer(server, 'mixed');
    const bob = await writer(server, 'mixed');
    const listener = await relay.socket(server, 'mixed');
    await waitFor(() => server.hub.registry.peek('mixed')?.connections.size === 3, { what: 'all sockets in the room' });

    const release = holdNextCommit(faults);
    alice.text.insert(0, 'A');
    await waitFor(() => liveText(server, 'mixed') === 'A', { what: 'first update applied' });
    alice.text.insert(1, 'a');
    bob.text.insert(0, 'b');
    await waitFor(() => liveText(server, 'mixed').length === 3, { what: 'both authors applied' });

    release();
    const final = liveText(server, 'mixed');
    await waitFor(() => received(listener).text === final, { what: 'listener has every update' });
    expect(received(listener).frames).toBe(2);
    // Alice's first commit skipped her; the merged one goes to both authors (each skips its own part).
    await waitFor(() => received(bob.ws).frames === 2 && received(alice.ws).frames === 1, { what: 'authors got the merged frame' });
    expect(received(bob.ws).text).toBe(final);
  });
});
