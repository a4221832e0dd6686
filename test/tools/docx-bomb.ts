/**
 * `npx tsx test/tools/docx-bomb.ts [-- --paragraphs 30000]`: imports a DOCX bomb (a few kilobytes
 * of zip holding megabytes of repeated paragraphs) into a server running in this process, and
 * prints what it cost the event loop: the longest busy stall (stall-meter.ts), the slowest
 * /healthz answer while the import ran, the import's status and time, and the memory afterwards.
 */
import { parseArgs } from 'node:util';
import { ApiClient } from '../auth/api-client.js';
import { docxBomb } from '../fixtures/docx-bomb.js';
import { startTestServer } from '../helpers/server.js';
import { startStallMeter } from './stall-meter.js';

const { values } = parseArgs({ options: { paragraphs: { type: 'string', default: '30000' } } });
const paragraphs = Number(values.paragraphs);
const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;

const server = await startTestServer();
try {
  const owner = new ApiClient(server.url);
  await owner.signup('Bomb Maker');
  const workspaceId = await owner.workspace('Bombs');
  const bomb = docxBomb(paragraphs);
  console.log(`bomb: ${paragraphs} paragraphs, ${bomb.byteLength} bytes zipped, ${mb(paragraphs * 56)} MB of XML`);

  const form = new FormData();
  form.set('file', new File([bomb as Uint8Array<ArrayBuffer>], 'bomb.docx'));
  const meter = startStallMeter();
  let slowestHealthzMs = 0;
  let failedHealthz = 0;
  let importing = true;
  const probe = (async () => {
    while (importing) {
      const started = performance.now();
      // A probe the stalled server resets counts as failed, not as a crash of this tool.
      await fetch(`${server.url}/healthz`).catch(() => (failedHealthz += 1));
      slowestHealthzMs = Math.max(slowestHealthzMs, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const started = performance.now();
  const res = await fetch(`${server.url}/api/workspaces/${workspaceId}/import`, {
    method: 'POST',
    body: form,
    headers: { cookie: owner.cookie, origin: owner.origin },
  });
  const body = await res.text();
  const importMs = performance.now() - started;
  importing = false;
  await probe;
  const stall = meter.report();
  meter.stop();
  globalThis.gc?.();
  const memory = process.memoryUsage();
  console.log(`import: ${res.status} in ${Math.round(importMs)} ms (${body.slice(0, 160)})`);
  console.log(`longest busy stall ${stall.busyStallMs} ms (raw event-loop delay max ${stall.rawMaxDelayMs} ms); slowest /healthz ${Math.round(slowestHealthzMs)} ms, ${failedHealthz} failed`);
  console.log(`memory after: RSS ${mb(memory.rss)} MB, heap ${mb(memory.heapUsed)} MB`);
} finally {
  await server.dispose();
}
