/**
 * Main-thread side of the log writer thread: a DocumentStore whose writes go to the worker and whose
 * reads use the main connection (WAL lets readers and the one writer work at once).
 */
import type { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { startWorker } from '../../threads/start-worker.js';
import type { AppendEntry, DocumentStore } from '../types.js';
import { createSqliteDocumentStore } from './document-store.js';
import type { WriterInit, WriterReply, WriterRequest } from './writer-protocol.js';

/** A request without its id (distributive, so each variant keeps its own fields). */
type Payload<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface SqliteLogWriter {
  store: DocumentStore;
  close(): Promise<void>;
}

export function startSqliteLogWriter(readDb: BetterSqlite3.Database, init: WriterInit): SqliteLogWriter {
  const reader = createSqliteDocumentStore(readDb);
  const pending = new Map<number, { resolve: (reply: WriterReply & { ok: true }) => void; reject: (error: Error) => void }>();
  const inflight = new Set<Promise<unknown>>();
  let nextId = 1;
  let worker: Worker | null = null;
  let closing = false;

  const failAll = (error: Error) => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };

  const spawn = (): Worker => {
    const w = startWorker(new URL('./writer-worker.js', import.meta.url), { workerData: init });
    w.on('message', (reply: WriterReply) => {
      // Id 0 says the thread has opened the database; the writes queued meanwhile need no signal.
      if (reply.id === 0) return;
      const waiter = pending.get(reply.id);
      if (!waiter) return;
      pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply);
      else waiter.reject(new Error(`SQLite log writer: ${reply.message}`));
    });
    w.on('error', (error) => {
      failAll(error);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      // Pending commits fail (rooms reload and clients resend); the next write starts a fresh writer.
      if (!closing) failAll(new Error(`SQLite log writer exited with code ${code}`));
    });
    return w;
  };

  const call = (request: Payload<WriterRequest>): Promise<WriterReply & { ok: true }> => {
    if (closing) return Promise.reject(new Error('storage is closing'));
    worker ??= spawn();
    const id = nextId++;
    const full = { ...request, id } as WriterRequest;
    const promise = new Promise<WriterReply & { ok: true }>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker!.postMessage(full);
    });
    inflight.add(promise);
    const settled = () => inflight.delete(promise);
    promise.then(settled, settled);
    return promise;
  };

  const store: DocumentStore = {
    // A document loads before anyone writes to it: the thread boots (the database, and the TypeScript
    // loader when run from source) while the room loads, so the first commit need not wait for it, and
    // a server that has opened no document yet holds no second V8 isolate (about 11 MB of RSS).
    load: (docId) => {
      if (!closing) worker ??= spawn();
      return reader.load(docId);
    },
    append: async (entries: readonly AppendEntry[]) => (await call({ op: 'append', entries: [...entries] })).seqs ?? [],
    compact: async (docId, snapshot, throughSeq) => {
      await call({ op: 'compact', docId, snapshot, throughSeq });
    },
    purge: async (docId) => {
      await call({ op: 'purge', docId });
    },
  };

  // After a crash the next load or write starts a fresh thread.

  return {
    store,
    async close() {
      // Let every commit already handed to the writer finish (shutdown commits what is pending).
      await Promise.allSettled([...inflight]);
      closing = true;
      const w = worker;
      worker = null;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.postMessage('close');
      await exited;
    },
  };
}
