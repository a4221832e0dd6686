/**
 * An honest burst: a stock y-websocket client writes a whole real document (the automerge-paper trace)
 * as 5,196 updates as fast as it can. Over its budget the server slows it (stops reading the socket);
 * it must never close it, because a stock client does not reconnect after a 44xx close and everything
 * its user typed afterwards would be lost to the server.
 */
import { describe, expect, it } from 'vitest';
import { TraceLibrary, applyPatches } from '../bench/load/trace.js';
import { waitFor } from '../helpers/wait.js';
import { useRelayFixture } from '../relay/relay-fixture.js';

const relay = useRelayFixture();

/** Edits per Yjs transaction, so per update frame the stock provider sends. */
const EDITS_PER_UPDATE = 50;

describe('bursts from a stock client', () => {
  it('the automerge-paper trace written as 5,196 updates reaches the server whole; a fresh joiner gets it all', { timeout: 240_000 }, async () => {
    const trace = new TraceLibrary().automergePaper();
    const s = await relay.start();
    const writer = await relay.client(s, 'burst');
    const closes: number[] = [];
    writer.provider.on('connection-close', (event) => closes.push(event?.code ?? -1));
    let updates = 0;
    writer.doc.on('update', () => {
      updates += 1;
    });

    for (let i = 0; i < trace.txns.length; i += EDITS_PER_UPDATE) {
      writer.doc.transact(() => {
        for (const txn of trace.txns.slice(i, i + EDITS_PER_UPDATE)) applyPatches(writer.text, txn.patches, false);
      });
    }
    expect(updates).toBe(Math.ceil(trace.txns.length / EDITS_PER_UPDATE));
    expect(writer.text.toString()).toBe(trace.endContent);

    const room = () => s.hub.registry.peek('burst');
    await waitFor(() => closes.length > 0 || room()?.doc.getText('t').toString() === trace.endContent, {
      what: 'the whole trace on the server (or the writer closed)',
      timeoutMs: 200_000,
      intervalMs: 100,
    });
    expect(closes, 'the writer was closed mid-burst').toEqual([]);

    const joiner = await relay.client(s, 'burst');
    expect(joiner.text.toString()).toBe(trace.endContent);
    // The writer is still connected, so what its user types next reaches everyone.
    writer.text.insert(0, 'after the burst ');
    await waitFor(() => joiner.text.toString().startsWith('after the burst '), { what: 'an edit after the burst' });
  });
});
