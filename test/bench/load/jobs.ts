/** The jobs the orchestrator hands to the load generator over IPC, and their results. */
import type { Percentiles } from '../stats.js';
import type { Protocol } from './codec.js';
import type { Usage } from './probe.js';

/** Where the server under test is and how to talk to it. */
export interface TargetRef {
  name: string;
  protocol: Protocol;
  port: number;
  path: string;
  pid: number;
}

export interface FanoutSpec {
  docs: number;
  typists: number;
  listeners: number;
  /** Keystrokes per second per typist. */
  rate: number;
  warmupMs: number;
  durationMs: number;
  /** Documents (from the first) whose clients are all full Yjs clients. */
  fullDocs: number;
  /** How long to wait after the window for late deliveries before counting the rest undelivered (default 5 s). */
  drainMs?: number;
}

export interface FanoutResult {
  spec: FanoutSpec;
  latency: Percentiles;
  /** Deliveries (edit x receiver, echoes excluded) per second in the measured window. */
  deliveredPerSecond: number;
  edits: number;
  expected: number;
  undelivered: number;
  usage: Usage;
  /** The most any keystroke was typed after its scheduled time (the load generator falling behind). */
  typingLagMs: number;
  /** Full clients of each full document ended identical and holding every typist's edits. */
  converged: boolean;
  /** CPU of each server process (fractions of one core), in the order of the targets; `usage.serverCpu` is their sum. */
  nodeCpu: number[];
  /** Cores busy machine-wide (every process, ours or not) during the measured window. */
  machineCpu: number;
}

export interface MemoryOpen {
  rooms: number;
  /** Prefix of the document IDs, so warm-up rooms and measured rooms differ. */
  prefix: string;
}

export interface LargeLoadResult {
  updates: number;
  bytes: number;
  sendMs: number;
}

export interface JoinResult {
  ms: number;
  /** The joiner's text equals the trace's endContent. */
  correct: boolean;
}

export interface StormResult {
  clients: number;
  /** Wall-clock (Date.now()) when the last client was synced again. */
  allSyncedAt: number;
  /** Clients still unsynced at the deadline. */
  missing: number;
  loadCpu: number;
}

export interface ConcurrentResult {
  /** Transactions replayed: the whole trace, or a prefix in --quick. */
  txns: number;
  messages: number;
  ms: number;
  /** Both writers ended with the trace's endContent (for a prefix: the text the exact offline replay gives). */
  writersCorrect: boolean;
  /** A fresh joiner synced from the server got endContent (null where the target keeps no document). */
  joinerCorrect: boolean | null;
}

/** One request from the orchestrator. */
export type Job =
  | { op: 'fanout'; target: TargetRef; spec: FanoutSpec }
  /** The same, with each document's clients spread round-robin over several nodes of one cluster. */
  | { op: 'fanout-across'; targets: TargetRef[]; spec: FanoutSpec }
  | { op: 'memory-open'; target: TargetRef; open: MemoryOpen }
  | { op: 'memory-extra'; target: TargetRef; prefix: string }
  | { op: 'close-all' }
  | { op: 'large-load'; target: TargetRef; updates: number }
  | { op: 'large-join'; target: TargetRef }
  | { op: 'storm-connect'; target: TargetRef; clients: number; docs: number }
  | { op: 'storm-arm'; target: TargetRef }
  | { op: 'storm-drop' }
  | { op: 'storm-wait'; timeoutMs: number }
  | { op: 'concurrent'; target: TargetRef; batch: number; rate: number; txns: number }
  | { op: 'suggest-typing'; target: TargetRef; role: 'editor' | 'commenter'; keystrokes: number };

/** One person typing into a 50-page document as an editor or as a commenter (suggestions), an editor watching. */
export interface SuggestTypingResult {
  role: 'editor' | 'commenter';
  keystrokes: number;
  /** Keystrokes the watcher saw (fewer: the server refused the typist). */
  delivered: number;
  /** From the keystroke's update being sent to the watcher's document holding it. */
  latency: Percentiles;
  /** Server CPU time over the typing window, per keystroke. */
  serverCpuMsPerKey: number;
  usage: Usage;
}

/** Envelopes on the IPC channel. */
export type JobRequest = { id: number; job: Job };
export type JobResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
