/**
 * Group-commit figures of Confer nodes, from the difference of two scrapes of their /metrics
 * (confer_commit_seconds and confer_commit_batch_updates): how often the nodes committed to the
 * database during a step, how long a commit took, and how many updates each carried. On PostgreSQL
 * this separates the durable commit's share of the latency from the relay's and the Redis hop's.
 */
import type { TargetRef } from '../load/jobs.js';

/** Cumulative counters of one node. */
interface Sample {
  seconds: number;
  commits: number;
  updates: number;
}

/** Commits of all the nodes over a window. */
export interface CommitFigures {
  /** Over the whole window, connecting and draining included. */
  commitsPerSecond: number;
  meanCommitMs: number;
  meanBatch: number;
}

function read(text: string, name: string): number {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

async function scrape(node: TargetRef): Promise<Sample> {
  const res = await fetch(`http://127.0.0.1:${node.port}/metrics`, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`GET /metrics on port ${node.port}: ${res.status}`);
  const text = await res.text();
  return {
    seconds: read(text, 'confer_commit_seconds_sum'),
    commits: read(text, 'confer_commit_seconds_count'),
    updates: read(text, 'confer_commit_batch_updates_sum'),
  };
}

/** Scrapes every node now; the returned function scrapes again and gives the figures in between. */
export async function commitWindow(nodes: readonly TargetRef[]): Promise<() => Promise<CommitFigures>> {
  const startedAt = performance.now();
  const before = await Promise.all(nodes.map(scrape));
  return async () => {
    const after = await Promise.all(nodes.map(scrape));
    const seconds = (performance.now() - startedAt) / 1000;
    const sum = (pick: (s: Sample) => number) => after.reduce((total, s, i) => total + pick(s) - pick(before[i] ?? s), 0);
    const commits = sum((s) => s.commits);
    return {
      commitsPerSecond: commits / seconds,
      meanCommitMs: commits > 0 ? (sum((s) => s.seconds) / commits) * 1000 : NaN,
      meanBatch: commits > 0 ? sum((s) => s.updates) / commits : NaN,
    };
  };
}
