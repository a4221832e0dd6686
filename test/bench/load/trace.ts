/**
 * The vendored editing traces (test/bench/traces, CC BY 4.0, see the README there) and a typist that
 * replays the sequential one keystroke by keystroke into its own Y.Doc.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import * as Y from 'yjs';

/** [position, characters deleted, text inserted]. */
export type Patch = [number, number, string];

export interface SequentialTrace {
  startContent: string;
  endContent: string;
  txns: Array<{ patches: Patch[] }>;
}

export interface ConcurrentTrace extends SequentialTrace {
  numAgents: number;
  txns: Array<{ patches: Patch[]; parents: number[]; agent: number }>;
}

const traceDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'traces');

function readTrace(name: string): unknown {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(traceDir, name))).toString('utf8'));
}

/** Caches parsed traces for the life of a load-generator process. */
export class TraceLibrary {
  private sequential: SequentialTrace | null = null;
  private concurrent: ConcurrentTrace | null = null;

  /** automerge-paper: 259,778 single-keystroke transactions by one author. */
  automergePaper(): SequentialTrace {
    this.sequential ??= readTrace('automerge-paper.json.gz') as SequentialTrace;
    return this.sequential;
  }

  /** friendsforever: two writers, with the causal graph. */
  friendsForever(): ConcurrentTrace {
    this.concurrent ??= readTrace('friendsforever.json.gz') as ConcurrentTrace;
    return this.concurrent;
  }
}

/** Applies one transaction's patches (already in descending position order) to a Y.Text. */
export function applyPatches(text: Y.Text, patches: readonly Patch[], clamp: boolean): void {
  for (const [pos, del, ins] of patches) {
    const at = clamp ? Math.min(pos, text.length) : pos;
    const count = clamp ? Math.min(del, text.length - at) : del;
    if (count > 0) text.delete(at, count);
    if (ins.length > 0) text.insert(at, ins);
  }
}

/**
 * Types the trace into a private Y.Doc and hands each resulting update to `emit`. The doc never applies
 * anybody else's edits, so its deletions only ever hit its own items: every edit is keyed uniquely by
 * its own client/clock.
 */
export class Typist {
  readonly doc = new Y.Doc();
  private readonly text = this.doc.getText('t');
  private next = 0;

  constructor(
    private readonly trace: SequentialTrace,
    start: number,
    private readonly emit: (update: Uint8Array) => void,
  ) {
    this.next = start;
    this.doc.on('update', (update: Uint8Array) => this.emit(update));
  }

  /** Types the next keystroke (wrapping around to an empty document at the end of the trace). */
  type(): void {
    if (this.next >= this.trace.txns.length) {
      this.text.delete(0, this.text.length);
      this.next = 0;
    }
    const txn = this.trace.txns[this.next++];
    if (txn) this.doc.transact(() => applyPatches(this.text, txn.patches, false));
  }

  destroy(): void {
    this.doc.destroy();
  }
}
