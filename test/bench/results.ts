/** The shape of bench-results/*.json: everything the table, the chart and the README are made from. */
import type { MemoryFigures } from './handles.js';
import type { ConcurrentResult, FanoutResult, JoinResult, LargeLoadResult, StormResult, SuggestTypingResult } from './load/jobs.js';
import type { FanoutConfig, ScalingConfig } from './options.js';
import type { CommitFigures } from './workloads/commit-metrics.js';
import type { TargetName } from './servers/targets.js';

/** A target's outcome in one workload: its figures, or why it has none. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };
export type PerTarget<T> = Partial<Record<TargetName, Outcome<T>>>;

export interface SaturationResult {
  /** Highest delivered updates/s with p99 <= 50 ms and nothing undelivered (0 if no step passed). */
  best: number;
  /** The step that gave `best`, and the first step that failed. */
  bestStep: FanoutResult | null;
  failedStep: FanoutResult | null;
  steps: FanoutResult[];
}

export interface MemoryResult {
  rooms: number;
  /** The server just started, before any client (after forced GC). */
  idle: MemoryFigures;
  baseline: MemoryFigures;
  afterRooms: MemoryFigures;
  afterExtra: MemoryFigures;
  /** Marginal bytes per idle room with one client, and per extra idle connection (RSS and JS heap). */
  rssPerRoom: number;
  rssPerConnection: number;
  heapPerRoom: number;
  heapPerConnection: number;
}

export interface LargeResult {
  load: LargeLoadResult;
  warm: JoinResult[];
  warmMedian: number;
  /** Confer only: the first joiner of the document after kill -9 and restart (loaded from storage; the process already served 50 small rooms). */
  cold: JoinResult | null;
  /** Confer only: warm joiners after the cold open. */
  warmAfterCold: JoinResult[];
}

export interface StormFigures {
  /** Every socket dropped at once by the clients; ms until all synced again. */
  blipMs: number;
  blip: StormResult;
  /** Confer only: graceful restart; ms from the stop signal, and from the new process listening. */
  restartMs: number | null;
  restartFromReadyMs: number | null;
  restart: StormResult | null;
}

/** A throughput ladder on one node count: keys/s per typist rise until delivery falls behind. */
export interface ScalingLadder {
  /** Highest delivered updates/s with p99 <= 50 ms and nothing undelivered (0 if no step passed). */
  best: number;
  bestStep: FanoutResult | null;
  /** Highest delivered updates/s with the median within 250 ms and nothing undelivered: the nodes keep pace. */
  sustained: number;
  sustainedStep: FanoutResult | null;
  /** The step where the median passed 1 s or deliveries fell behind (the ladder stops there), or null. */
  stoppedStep: FanoutResult | null;
  steps: FanoutResult[];
}

/** One column of the scaling table: N nodes on PostgreSQL + Redis, or one SQLite node for reference. */
export interface ScalingRun {
  label: string;
  nodes: number;
  engine: 'postgres+redis' | 'sqlite';
  moderate: Outcome<FanoutResult> | null;
  /** The nodes' group commits during the moderate run (from their /metrics). */
  commits: CommitFigures | null;
  ladder: Outcome<ScalingLadder> | null;
}

export interface ScalingResult {
  config: ScalingConfig;
  /** Each node's CPU share in % of one core (`--cpu-quota`), or null when unthrottled. */
  cpuQuota: number | null;
  /** The services used (passwords redacted). */
  databaseUrl: string;
  redisUrl: string;
  /** Why the workload did not run (PostgreSQL or Redis did not answer): a skip, not a failure. */
  skipped: string | null;
  /** Why the cluster could not be started or stopped: a failure of the run. */
  error: string | null;
  runs: ScalingRun[];
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  command: string;
  quick: boolean;
  machine: { cpus: number; model: string; node: string; os: string; loadBefore: number[]; loadAfter: number[]; pinned: boolean; fsyncMs: { p50: number; p90: number } };
  fanout: Array<{ config: FanoutConfig; targets: PerTarget<FanoutResult> }>;
  saturation: PerTarget<SaturationResult>;
  memory: Array<{ rooms: number; targets: PerTarget<MemoryResult> }>;
  large: PerTarget<LargeResult>;
  storm: PerTarget<StormFigures>;
  concurrent: PerTarget<ConcurrentResult>;
  /** Typing into a 50-page document as an editor and as a commenter (Confer targets only; absent in older files). */
  suggest?: PerTarget<{ editor: SuggestTypingResult; commenter: SuggestTypingResult }>;
  scaling: ScalingResult | null;
}
