/**
 * Malicious but well-formed Yjs: huge valid updates, deep nesting, and awareness floods. Each attack is
 * bounded by a limit in shared/limits.ts, closes only the attacker, and leaves other clients' documents
 * as they were. (Held-back structs: held-back.test.ts; unchecked references: yjs-references.test.ts.)
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { limits } from '../../shared/limits.js';
import { MessageType, writeAwareness } from '../../shared/protocol/index.js';
import { frameOfType } from '../helpers/clients.js';
import { waitFor } from '../helpers/wait.js';
import { useRelayFixture, survives } from '../relay/relay-fixture.js';

const relay = useRelayFixture();

describe('large and deep valid updates', () => {
  it('a huge valid update (6 MB) is applied, relayed and stored', { timeout: 60_000 }, async () => {
    const s = await relay.start();
    const [alice, bob] = [await relay.client(s, 'huge'), await relay.client(s, 'huge')];
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
    const s = await relay.start();
    const [alice, bob] = [await relay.client(s, 'deep'), await relay.client(s, 'deep')];
    const [carol, dave] = [await relay.client(s, 'elsewhere'), await relay.client(s, 'elsewhere')];
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
    relay.disconnectAll();
    await waitFor(() => s.hub.registry.size === 0, { what: 'rooms unloaded' });
    const reloaded = await relay.client(s, 'deep');
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
    const s = await relay.start();
    const [alice, bob] = [await relay.client(s, 'presence'), await relay.client(s, 'presence')];
    alice.provider.awareness.setLocalStateField('cursor', null);
    bob.provider.awareness.setLocalStateField('cursor', null);
    await waitFor(() => s.hub.registry.peek('presence')?.awareness.getStates().size === 2, { what: 'honest presence' });

    const attacker = await relay.socket(s, 'presence');
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
