/**
 * One fuzz campaign against a probe server (a child process, so its event loop is measured alone):
 * bystanders on an untouched document, an honest client on every fuzzed document, the frames in
 * batches, then the checks. After every batch a differential check asks three readers of each fuzzed
 * document what it holds: the honest client connected since the start, a fresh joiner, and the document
 * reloaded from storage; they must agree exactly. Shared by the `npm test` run and by `npm run fuzz`.
 */
import fs from 'node:fs';
import * as Y from 'yjs';
import { connectClient, type TestClient } from '../helpers/clients.js';
import { tempDir } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { sampleFrames } from './frames.js';
import { fuzz, type FuzzResult } from './fuzzer.js';
import { startProbeChild, type ProbeChild, type ProbeStats } from './probe-child.js';

export interface CampaignOptions {
  frames: number;
  seed: number;
  lanes: number;
  /** Frames between two differential checks (default 1,000). */
  batchFrames?: number;
}

/** One differential check that found readers disagreeing. */
export interface Disagreement {
  batch: number;
  docId: string;
  views: Record<string, string>;
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
  /** Differential checks made (one per fuzzed document per batch). */
  differentialChecks: number;
  /** Checks where the long-connected client, a fresh joiner and the reloaded document disagreed. */
  disagreements: Disagreement[];
}

const BYSTANDER_TEXT = 'bystanders: this text must survive the fuzzing byte for byte';

/** JSON with sorted keys: two replicas may list a map's keys in different orders. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    return v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v;
  });
}

/** What a reader of a fuzzed document sees, as one string: state vector, text, map and array. */
function view(stateVector: string, text: string, map: unknown, array: unknown): string {
  return [stateVector, JSON.stringify(text), canonical(map), canonical(array)].join(' ');
}

function viewOf(doc: Y.Doc): string {
  return view(Buffer.from(Y.encodeStateVector(doc)).toString('hex'), doc.getText('t').toString(), doc.getMap('m').toJSON(), doc.getArray('a').toJSON());
}

function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return viewOf(a) === viewOf(b);
}

/**
 * The differential check of one document: waits until a fresh joiner and the long-connected client
 * agree (relays may still be on their way), then compares both with the document reloaded from
 * storage. Returns the three views when they disagree.
 */
async function readersDisagree(server: ProbeChild, docId: string, longConnected: TestClient): Promise<Record<string, string> | null> {
  const fresh = await connectClient(server.url, docId);
  try {
    await waitFor(() => sameState(fresh.doc, longConnected.doc), { what: `readers of ${docId} agree`, timeoutMs: 15_000 }).catch(() => false);
    const stored = await server.reload(docId);
    const reloaded = stored.error ? `error: ${stored.error}` : view(stored.stateVector!, stored.text!, stored.map, stored.array);
    const views = { longConnected: viewOf(longConnected.doc), freshJoiner: viewOf(fresh.doc), reloaded };
    return views.longConnected === views.freshJoiner && views.freshJoiner === views.reloaded ? null : views;
  } finally {
    fresh.destroy();
  }
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
    const batchFrames = options.batchFrames ?? 1_000;
    const result: FuzzResult = { processed: 0, accepted: 0, closes: {}, failures: [] };
    const disagreements: Disagreement[] = [];
    let differentialChecks = 0;
    await server.resetStalls();
    const started = performance.now();
    for (let from = 0, batch = 0; from < frames.length; from += batchFrames, batch++) {
      addResult(result, await fuzz(server.url, docIds, frames.slice(from, from + batchFrames)));
      for (const [i, docId] of docIds.entries()) {
        differentialChecks += 1;
        const views = await readersDisagree(server, docId, honest[i]!);
        if (views) disagreements.push({ batch, docId, views });
      }
    }
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
    return { ...result, seed: options.seed, seconds, server: stats, serverAlive, bystandersUnchanged, honestClientsConsistent, differentialChecks, disagreements };
  } finally {
    for (const c of clients) c.destroy();
    await server.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function addResult(total: FuzzResult, part: FuzzResult): void {
  total.processed += part.processed;
  total.accepted += part.accepted;
  for (const [code, count] of Object.entries(part.closes)) total.closes[code] = (total.closes[code] ?? 0) + count;
  total.failures.push(...part.failures);
}
