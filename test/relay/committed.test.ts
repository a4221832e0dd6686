/**
 * The "committed" notice (Confer extension, ?confer=1): its state vector and acknowledged update-frame
 * count only ever cover what storage already holds, deletions included.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MessageType, readMessage } from '../../shared/protocol/index.js';
import type { TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { useRelayFixture } from './relay-fixture.js';

const relay = useRelayFixture();

async function storedText(s: TestServer, docId: string): Promise<string> {
  const stored = await s.storage.documents.load(docId);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc.getText('t').toString();
}

describe('committed notices', () => {
  it('acknowledge a pure deletion only once it is stored', async () => {
    const server = await relay.start();
    const client = await relay.client(server, 'acks', { params: { confer: '1' } });
    const notices: Array<{ sv: Map<number, number>; acked: number; storedAtArrival: Promise<string> }> = [];
    const s = server;
    client.provider.messageHandlers[MessageType.Committed] = (_encoder, decoder) => {
      const message = readMessage(decoder.arr);
      decoder.pos = decoder.arr.length;
      if (message.kind !== 'committed') return;
      notices.push({ sv: Y.decodeStateVector(message.stateVector), acked: message.ackedUpdateFrames, storedAtArrival: storedText(s, 'acks') });
    };
    client.text.insert(0, 'keep this, drop that');
    await waitFor(() => (notices.at(-1)?.sv.get(client.doc.clientID) ?? 0) >= client.text.length, { what: 'insert committed' });
    const ackedBefore = notices.at(-1)!.acked;
    const svBefore = Y.encodeStateVector(client.doc);

    client.text.delete(10, 10);
    // A deletion does not move the state vector; only the frame count can say it is stored.
    expect(Buffer.from(Y.encodeStateVector(client.doc)).equals(Buffer.from(svBefore))).toBe(true);
    await waitFor(() => (notices.at(-1)?.acked ?? 0) > ackedBefore, { what: 'deletion acknowledged' });
    expect(await notices.at(-1)!.storedAtArrival).toBe('keep this,');
    for (const notice of notices) {
      const stored = await notice.storedAtArrival;
      // Every notice arrived after what it covers was stored: never an acknowledgement ahead of storage.
      expect(stored.startsWith('keep this,')).toBe(true);
    }
  });
});
