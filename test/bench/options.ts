/** Command-line options of `npm run bench` and the workload sizes for the full and the quick run. */
import { defaultTargets, isTargetName, targetNames, type TargetName } from './servers/targets.js';

export const workloadNames = ['fanout', 'saturation', 'memory', 'large', 'storm', 'concurrent', 'suggest', 'scaling'] as const;
export type WorkloadName = (typeof workloadNames)[number];

export interface FanoutConfig {
  label: string;
  docs: number;
  typists: number;
  listeners: number;
  rate: number;
  fullDocs: number;
}

/** The scaling workload: the same load on 1, 2 and 3 Confer nodes sharing PostgreSQL and Redis. */
export interface ScalingConfig {
  nodes: number[];
  docs: number;
  typists: number;
  listeners: number;
  /** Keys/s per typist for the latency figures. */
  moderateRate: number;
  /** The throughput ladder above the moderate rate (which counts as its first step): keys/s per typist, rising. */
  rates: number[];
  warmupMs: number;
  durationMs: number;
  stepMs: number;
  /** Also run one SQLite node (no Redis) for reference. */
  sqliteReference: boolean;
}

export interface Sizes {
  warmupMs: number;
  durationMs: number;
  fanout: FanoutConfig[];
  saturation: { docs: number; typists: number; listeners: number; rates: number[]; durationMs: number };
  memoryRooms: number[];
  memoryWarmRooms: number;
  largeUpdates: number;
  largeJoins: number;
  storm: { clients: number; docs: number };
  concurrentBatch: number;
  /** Transactions of friendsforever to replay (all 26,078 in the full run). */
  concurrentTxns: number;
  /** Keystrokes typed into the 50-page document per role (suggest workload). */
  suggestKeys: number;
  scaling: ScalingConfig;
}

export interface Options {
  quick: boolean;
  targets: TargetName[];
  workloads: WorkloadName[];
  /** Write a V8 CPU profile of every Confer server process under bench-results/profiles. */
  profile: boolean;
  outDir: string;
  sizes: Sizes;
  /**
   * Scaling workload: each node process in its own cgroup limited to this % of one core (`--cpu-quota=40`),
   * or null for unthrottled nodes.
   */
  cpuQuota: number | null;
}

/**
 * The scaling ladder with fixed CPU shares: finer than the unthrottled one (which doubles), so that a
 * ratio near 1.8x can be told from 1.5x or 2x, and higher (one node at 40% of a core still kept pace at
 * 80 keys/s per typist: group commits grow with the rate). It stays under Confer's 400 messages/s per connection.
 */
const quotaRates = [10, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 240, 288];

// Saturation stops below 400 keys/s per typist: Confer's per-connection limit is 400 messages/s.
const full: Sizes = {
  warmupMs: 2_000,
  durationMs: 10_000,
  fanout: [
    { label: '20 docs x 5 typists, 5 keys/s (full Yjs clients)', docs: 20, typists: 5, listeners: 0, rate: 5, fullDocs: 20 },
    { label: '200 docs x (2 typists + 3 listeners), 5 keys/s', docs: 200, typists: 2, listeners: 3, rate: 5, fullDocs: 2 },
    { label: '200 docs x 5 typists, 5 keys/s', docs: 200, typists: 5, listeners: 0, rate: 5, fullDocs: 2 },
  ],
  saturation: { docs: 20, typists: 2, listeners: 8, rates: [20, 40, 80, 120, 160, 240, 320, 380], durationMs: 4_000 },
  memoryRooms: [1_000, 5_000],
  memoryWarmRooms: 100,
  largeUpdates: 4_000,
  largeJoins: 5,
  storm: { clients: 2_000, docs: 200 },
  concurrentBatch: 4,
  concurrentTxns: Infinity,
  suggestKeys: 400,
  scaling: { nodes: [1, 2, 3], docs: 20, typists: 2, listeners: 3, moderateRate: 5, rates: [10, 20, 40, 80, 160], warmupMs: 1_500, durationMs: 8_000, stepMs: 3_000, sqliteReference: true },
};

const quick: Sizes = {
  warmupMs: 500,
  durationMs: 1_500,
  fanout: [
    { label: '20 docs x 5 typists, 5 keys/s (full Yjs clients)', docs: 20, typists: 5, listeners: 0, rate: 5, fullDocs: 20 },
    { label: '40 docs x (2 typists + 3 listeners), 5 keys/s', docs: 40, typists: 2, listeners: 3, rate: 5, fullDocs: 2 },
  ],
  saturation: { docs: 20, typists: 2, listeners: 8, rates: [40, 160], durationMs: 1_200 },
  memoryRooms: [300],
  memoryWarmRooms: 50,
  largeUpdates: 600,
  largeJoins: 3,
  storm: { clients: 200, docs: 40 },
  concurrentBatch: 32,
  concurrentTxns: 6_000,
  suggestKeys: 100,
  scaling: { nodes: [1, 2, 3], docs: 6, typists: 2, listeners: 3, moderateRate: 10, rates: [], warmupMs: 300, durationMs: 1_200, stepMs: 1_000, sqliteReference: false },
};

function listArg(args: string[], name: string): string[] | null {
  const arg = args.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3).split(',').filter(Boolean) : null;
}

/** Parses argv (after `--` in `npm run bench -- ...`); throws on unknown names. */
export function parseOptions(args: string[]): Options {
  const known = ['--quick', '--profile', '--targets=', '--only=', '--out=', '--cpu-quota='];
  for (const arg of args) if (!known.some((k) => (k.endsWith('=') ? arg.startsWith(k) : arg === k))) throw new Error(`unknown option ${arg}`);
  const targets = listArg(args, 'targets') ?? [...defaultTargets];
  for (const t of targets) if (!isTargetName(t)) throw new Error(`unknown target ${t} (known: ${targetNames.join(', ')})`);
  const workloads = listArg(args, 'only') ?? [...workloadNames];
  for (const w of workloads) if (!(workloadNames as readonly string[]).includes(w)) throw new Error(`unknown workload ${w} (known: ${workloadNames.join(', ')})`);
  const quickRun = args.includes('--quick');
  const quotaArg = listArg(args, 'cpu-quota')?.[0];
  const cpuQuota = quotaArg === undefined ? null : Number(quotaArg);
  if (cpuQuota !== null && !(Number.isInteger(cpuQuota) && cpuQuota >= 1 && cpuQuota <= 100)) {
    throw new Error(`--cpu-quota must be a whole percentage of one core, 1 to 100 (got ${quotaArg})`);
  }
  const sizes = quickRun ? quick : full;
  return {
    quick: quickRun,
    targets: targets as TargetName[],
    workloads: workloads as WorkloadName[],
    profile: args.includes('--profile'),
    outDir: listArg(args, 'out')?.[0] ?? 'bench-results',
    // Throttled nodes get the finer ladder; the SQLite reference is left out (it measures the engine, not the node count).
    sizes: cpuQuota === null || quickRun ? sizes : { ...sizes, scaling: { ...sizes.scaling, rates: quotaRates, sqliteReference: false } },
    cpuQuota,
  };
}
