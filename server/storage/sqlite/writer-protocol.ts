/** Messages between the main thread and the SQLite log writer thread. */
import type { AppendEntry } from '../types.js';

export interface WriterInit {
  file: string;
  synchronous: 'FULL' | 'NORMAL';
}

export type WriterRequest =
  | { id: number; op: 'append'; entries: AppendEntry[] }
  | { id: number; op: 'compact'; docId: string; snapshot: Uint8Array; throughSeq: number }
  | { id: number; op: 'purge'; docId: string };

export type WriterReply = { id: number; ok: true; seqs?: number[] } | { id: number; ok: false; message: string };
