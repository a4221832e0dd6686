/** The order in which the SQLite log writer takes its requests (see writer-worker.ts). */
import type { WriterRequest } from './writer-protocol.js';

/**
 * Removes and returns the next request: the first group commit (append) that no purge precedes, else
 * the oldest request. So a commit overtakes compactions, which is safe: a compaction deletes only rows up
 * to the sequence it was made at, and an append always gets a later one. Nothing overtakes a purge (an
 * append after it must survive it), and compactions and purges keep their order among themselves (a
 * compaction after a purge would bring a deleted document back).
 */
export function takeNextRequest(queue: WriterRequest[]): WriterRequest | undefined {
  for (let i = 0; i < queue.length; i++) {
    const op = queue[i]!.op;
    if (op === 'append') return queue.splice(i, 1)[0];
    if (op === 'purge') break;
  }
  return queue.shift();
}
