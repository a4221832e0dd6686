/**
 * A DocumentStore wrapper that fails on command, for storage-fault tests. It wraps the real store (the
 * data still goes to SQLite); it only decides whether a call reaches it. Test-only: passed to
 * startServer through its `wrapStore` option.
 */
import type { AppendEntry, DocumentStore, StoredDocument } from '../../server/storage/types.js';

/** Switches the test flips, and what the store saw. */
export interface Faults {
  failLoads: boolean;
  failAppends: boolean;
  failCompactions: boolean;
  /** Calls refused because of a fault. */
  refused: { load: number; append: number; compact: number };
  /** Snapshots written, in order (to check that nothing empty replaced stored data). */
  compactions: Uint8Array[];
  /** Awaited before each append goes on (or fails): keeps a commit in flight while a test acts. */
  beforeAppend: (() => Promise<void>) | null;
}

export function createFaults(): Faults {
  return { failLoads: false, failAppends: false, failCompactions: false, refused: { load: 0, append: 0, compact: 0 }, compactions: [], beforeAppend: null };
}

class InjectedFault extends Error {
  override readonly name = 'InjectedFault';
}

/** Wraps `inner` so that `faults` decides, call by call, whether storage answers. */
export function faultyStore(inner: DocumentStore, faults: Faults): DocumentStore {
  return {
    async load(docId: string): Promise<StoredDocument> {
      if (faults.failLoads) {
        faults.refused.load += 1;
        throw new InjectedFault('injected: storage does not answer');
      }
      return inner.load(docId);
    },
    async append(entries: readonly AppendEntry[]): Promise<number[]> {
      await faults.beforeAppend?.();
      if (faults.failAppends) {
        faults.refused.append += 1;
        throw new InjectedFault('injected: disk full');
      }
      return inner.append(entries);
    },
    async compact(docId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
      if (faults.failCompactions) {
        faults.refused.compact += 1;
        throw new InjectedFault('injected: compaction failed');
      }
      faults.compactions.push(snapshot);
      return inner.compact(docId, snapshot, throughSeq);
    },
    purge: (docId: string) => inner.purge(docId),
  };
}
