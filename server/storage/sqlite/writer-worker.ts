/**
 * The SQLite log writer, in its own thread: group commits (and their fsync, with synchronous=FULL) and
 * compactions run here, so the event loop keeps reading and applying frames while the disk works.
 *
 * Requests run one per turn of this thread's loop, so requests that arrive meanwhile are seen before the
 * next one is picked, and a group commit goes ahead of compactions queued before it: every client waits
 * for a commit, nobody for a compaction. When a few hundred rooms unload at once (each compacts, each
 * compaction an fsync), commits behind them in arrival order waited more than a second.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteConnection } from './connection.js';
import { createSqliteDocumentStore } from './document-store.js';
import type { WriterInit, WriterReply, WriterRequest } from './writer-protocol.js';
import { takeNextRequest } from './writer-queue.js';

const init = workerData as WriterInit;
const port = parentPort;
if (!port) throw new Error('writer-worker must run in a worker thread');
const db = openSqliteConnection(init.file, init.synchronous);
const store = createSqliteDocumentStore(db);
const queue: WriterRequest[] = [];
let scheduled = false;
let closing = false;
// Request id 0 is the "ready" signal: the connection is open and the first commit will not wait for us.
port.postMessage({ id: 0, ok: true } satisfies WriterReply);

async function run(request: WriterRequest): Promise<WriterReply> {
  switch (request.op) {
    case 'append':
      return { id: request.id, ok: true, seqs: await store.append(request.entries) };
    case 'compact':
      await store.compact(request.docId, request.snapshot, request.throughSeq);
      return { id: request.id, ok: true };
    case 'purge':
      await store.purge(request.docId);
      return { id: request.id, ok: true };
  }
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // setImmediate, not a loop: the next request is picked after this thread has read its new messages.
  setImmediate(runNext);
}

function runNext(): void {
  scheduled = false;
  const request = takeNextRequest(queue);
  if (request) {
    run(request).then(
      (reply) => port!.postMessage(reply),
      (error: unknown) => port!.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
    );
  }
  if (queue.length > 0) schedule();
  // After the reply above, which is posted from a microtask.
  else if (closing) setImmediate(close);
}

function close(): void {
  db.close();
  port!.close();
}

port.on('message', (request: WriterRequest | 'close') => {
  if (request === 'close') {
    closing = true;
    if (queue.length === 0 && !scheduled) close();
    return;
  }
  queue.push(request);
  schedule();
});
