/**
 * The SQLite log writer, in its own thread: group commits (and their fsync, with synchronous=FULL) and
 * compactions run here, so the event loop keeps reading and applying frames while the disk works.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteConnection } from './connection.js';
import { createSqliteDocumentStore } from './document-store.js';
import type { WriterInit, WriterReply, WriterRequest } from './writer-protocol.js';

const init = workerData as WriterInit;
const port = parentPort;
if (!port) throw new Error('writer-worker must run in a worker thread');
const db = openSqliteConnection(init.file, init.synchronous);
const store = createSqliteDocumentStore(db);
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

port.on('message', (request: WriterRequest | 'close') => {
  if (request === 'close') {
    db.close();
    port.close();
    return;
  }
  run(request).then(
    (reply) => port.postMessage(reply),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});
