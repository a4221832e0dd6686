/**
 * One fuzz campaign against a probe server (a child process, so its event loop is measured alone):
 * bystanders on an untouched document, an honest client on every fuzzed document, the frames, then
 * the checks. Shared by the `npm test` run and by `npm run fuzz` (the full 100,000 frames).
 */
import fs from 'node:fs';
import * as Y from 'yjs';
import { connectClient, type TestClient } from '../helpers/clients.js';
import { tempDir } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { sampleFrames } from './frames.js';
import { fuzz, type FuzzResult } from './fuzzer.js';
import { startProbeChild, type ProbeStats } from './probe-child.js';

export interface CampaignOptions {
  frames: number;
  seed: number;
  lanes: number;
}

export interface CampaignReport extends FuzzResult {
  seed: number;
  seconds: number;
  server: ProbeStats;
  /** The server process was still running after the last frame. */
  serverAlive: boolean;
  /** The bystanders' document was exactly as before and they still reached each other. */
  bystandersUnchanged: boolean;
  /** Every honest client on a fuzzed document holds what a fresh joiner gets from the server. */
  honestClientsConsistent: boolean;
}

const BYSTANDER_TEXT = 'bystanders: this text must survive the fuzzing byte for byte';

/** JSON with sorted keys: two replicas may list a map's keys in different orders. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    return v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v;
  });
}

function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return (
    Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b))) &&
    a.getText('t').toString() === b.getText('t').toString() &&
    canonical(a.getMap('m').toJSON()) === canonical(b.getMap('m').toJSON()) &&
    canonical(a.getArray('a').toJSON()) === canonical(b.getArray('a').toJSON())
  );
}

export async function runFuzzCampaign(options: CampaignOptions): Promise<CampaignReport> {
  const dataDir = tempDir('confer-fuzz-');
  // Thousands of sockets from one address: the per-IP upgrade limit is not what this run tests.
  const server = await startProbeChild({ DATA_DIR: dataDir, UPGRADES_PER_IP_PER_MINUTE: '0' });
  const clients: TestClient[] = [];
  try {
    const [alice, bob] = [await connectClient(server.url, 'bystanders'), await connectClient(server.url, 'bystanders')];
    clients.push(alice!, bob!);
    alice!.text.insert(0, BYSTANDER_TEXT);
    await waitFor(() => bob!.text.toString() === BYSTANDER_TEXT, { what: 'bystanders in sync' });
    const docIds = Array.from({ length: options.lanes }, (_, i) => `fuzz-${i}`);
    const honest: TestClient[] = [];
    for (const docId of docIds) {
      const client = await connectClient(server.url, docId);
      // Quiet presence, so the only awareness frames a lane receives are answers to its probes.
      client.provider.awareness.setLocalState(null);
      honest.push(client);
      clients.push(client);
    }
    const frames = sampleFrames(options.frames, options.seed);
    await server.resetStalls();
    const started = performance.now();
    const result = await fuzz(server.url, docIds, frames);
    const seconds = (performance.now() - started) / 1000;
    const stats = await server.stats();
    const serverAlive = server.child.exitCode === null && server.child.signalCode === null;

    const marker = `${BYSTANDER_TEXT}!`;
    bob!.text.insert(bob!.text.length, '!');
    await waitFor(() => alice!.text.toString() === marker, { what: 'bystanders still served' });
    const bystandersUnchanged = alice!.text.toString() === marker && bob!.text.toString() === marker;

    let honestClientsConsistent = true;
    for (const [i, docId] of docIds.entries()) {
      const fresh = await connectClient(server.url, docId);
      clients.push(fresh);
      const ok = await waitFor(() => sameState(fresh.doc, honest[i]!.doc), { what: `honest client on ${docId} consistent`, timeoutMs: 15_000 }).catch(
        () => false,
      );
      honestClientsConsistent &&= ok;
    }
    return { ...result, seed: options.seed, seconds, server: stats, serverAlive, bystandersUnchanged, honestClientsConsistent };
  } finally {
    for (const c of clients) c.destroy();
    await server.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
