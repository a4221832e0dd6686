/**
 * `npm run soak [-- --minutes 30 --sessions 20]`: moderate load for a long time with rooms opening and
 * closing (each session opens a document with 1-3 typists for a few seconds, then leaves), then checks
 * that the server returns to its baseline: no rooms, no connections, live heap back near where it
 * started. Prints the RSS/heap/rooms curve and exits 1 when something did not come back.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { connectClient, type TestClient } from '../helpers/clients.js';
import { tempDir } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { startProbeChild, type ProbeStats } from './probe-child.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    sessions: { type: 'string', default: '20' },
    docs: { type: 'string', default: '300' },
  },
});
const minutes = Number(values.minutes);
const concurrent = Number(values.sessions);
const docPool = Number(values.docs);
/** Live heap may end this much above the start (caches, JIT); more than that is a leak. */
const HEAP_SLACK_BYTES = 24 * 1024 * 1024;

const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;
const dataDir = tempDir('confer-soak-');
const server = await startProbeChild({ DATA_DIR: dataDir, UPGRADES_PER_IP_PER_MINUTE: '0', ROOM_UNLOAD_GRACE_MS: '500' });
const curve: Array<{ minute: number; rssMb: number; heapMb: number; rooms: number; connections: number }> = [];
const sample = async (minute: number): Promise<ProbeStats> => {
  const stats = await server.stats();
  curve.push({ minute: Math.round(minute * 10) / 10, rssMb: mb(stats.rssBytes), heapMb: mb(stats.heapUsedBytes), rooms: stats.rooms, connections: stats.connections });
  console.error(JSON.stringify(curve.at(-1)));
  return stats;
};

/** One visit: 1-3 people open a document, type for 2-10 s at a few keys per second each, and leave. */
async function session(stopAt: number): Promise<number> {
  const docId = `soak-${Math.floor(Math.random() * docPool)}`;
  const people: TestClient[] = [];
  let edits = 0;
  try {
    const count = 1 + Math.floor(Math.random() * 3);
    for (let i = 0; i < count; i++) people.push(await connectClient(server.url, docId));
    const until = Math.min(stopAt, Date.now() + 2_000 + Math.random() * 8_000);
    while (Date.now() < until) {
      for (const p of people) {
        const len = p.text.length;
        if (len > 2_000) p.text.delete(0, 500);
        else p.text.insert(Math.floor(Math.random() * (len + 1)), 'abcdefghij'.charAt(Math.floor(Math.random() * 10)));
        edits += 1;
      }
      // Pace of a person typing, not a fixed sleep standing in for a condition.
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 150));
    }
  } finally {
    for (const p of people) p.destroy();
  }
  return edits;
}

let ok = false;
try {
  await server.resetStalls();
  const start = await sample(0);
  const began = Date.now();
  const stopAt = began + minutes * 60_000;
  let edits = 0;
  let visits = 0;
  const lanes = Array.from({ length: concurrent }, async () => {
    while (Date.now() < stopAt) {
      edits += await session(stopAt);
      visits += 1;
    }
  });
  const sampler = setInterval(() => void sample((Date.now() - began) / 60_000), Math.max(10_000, (minutes * 60_000) / 30));
  await Promise.all(lanes);
  clearInterval(sampler);
  await waitFor(async () => {
    const s = await server.stats();
    return s.rooms === 0 && s.connections === 0;
  }, { what: 'every room unloaded', timeoutMs: 60_000, intervalMs: 500 });
  const end = await sample((Date.now() - began) / 60_000);
  const peakRss = Math.max(...curve.map((c) => c.rssMb));
  ok = end.rooms === 0 && end.connections === 0 && end.heapUsedBytes - start.heapUsedBytes < HEAP_SLACK_BYTES;
  console.log(
    JSON.stringify(
      {
        ok,
        minutes,
        visits,
        edits,
        rssStartMb: mb(start.rssBytes),
        rssPeakMb: peakRss,
        rssEndMb: mb(end.rssBytes),
        heapStartMb: mb(start.heapUsedBytes),
        heapEndMb: mb(end.heapUsedBytes),
        roomsEnd: end.rooms,
        connectionsEnd: end.connections,
        longestBusyStallMs: end.busyStallMs,
        curve,
      },
      null,
      2,
    ),
  );
} finally {
  await server.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
