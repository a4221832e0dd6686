/**
 * Workload 7: the same load on 1, 2 and 3 Confer nodes sharing one PostgreSQL and one Redis. The
 * clients of each document are spread round-robin over the nodes, so most deliveries cross Redis. The
 * 1-node run uses PostgreSQL + Redis too, so that only the node count changes; one SQLite node (no
 * Redis) is measured for reference. First the latency at a moderate rate for every column, then a
 * throughput ladder for every column (interleaved so that machine drift does not favour one column).
 */
import { ServerHandle } from '../handles.js';
import type { FanoutResult, FanoutSpec, TargetRef } from '../load/jobs.js';
import type { ScalingConfig } from '../options.js';
import type { ScalingLadder, ScalingResult, ScalingRun } from '../results.js';
import { cpuQuotaUnavailable } from '../cpu-quota.js';
import { Cluster, redact, servicesFromEnv, unavailable } from './cluster.js';
import { commitWindow, type CommitFigures } from './commit-metrics.js';
import { attempt, type Context } from './context.js';

/**
 * Two bars. Interactive: p99 <= 50 ms (as in the saturation workload). Sustained: the median delivery
 * within 250 ms, i.e. the nodes keep pace (a p99 bar alone is too fragile on a shared machine, where
 * one descheduled process spoils it). The ladder goes on past a missed bar and stops only when the
 * median passes a second or deliveries fall behind, so one noisy step does not end a column.
 */
const P99_LIMIT_MS = 50;
const SUSTAINED_P50_MS = 250;
const STOP_P50_MS = 1_000;

function spec(config: ScalingConfig, rate: number, durationMs: number): FanoutSpec {
  const { docs, typists, listeners, warmupMs } = config;
  // A long drain: on an overloaded machine late is not lost, and "undelivered" must mean lost.
  return { docs, typists, listeners, rate, warmupMs, durationMs, fullDocs: Math.min(2, docs), drainMs: 20_000 };
}

/** Nothing undelivered, at least 95% of the planned deliveries, and the `p` percentile within `limitMs`. */
function within(r: FanoutResult, p: 'p50' | 'p99', limitMs: number): boolean {
  const s = r.spec;
  const planned = s.docs * s.typists * s.rate * (s.typists + s.listeners - 1);
  const value = r.latency[p];
  return typeof value === 'number' && value <= limitMs && r.undelivered === 0 && r.deliveredPerSecond >= 0.95 * planned;
}

// NaN (no samples) arrives as null over IPC.
const ms = (v: number | null) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(1) : 'n/a');
const pct = (v: number) => `${Math.round(v * 100)}%`;

function describe(r: FanoutResult): string {
  return (
    `p50 ${ms(r.latency.p50)} p99 ${ms(r.latency.p99)} ms, ${Math.round(r.deliveredPerSecond)}/s, undelivered ${r.undelivered}, ` +
    `node cpu ${r.nodeCpu.map(pct).join(' / ')}, machine ${r.machineCpu.toFixed(2)} cores busy, load cpu ${pct(r.usage.loadCpu)}` +
    (r.converged ? '' : ', NOT CONVERGED')
  );
}

function describeCommits(c: CommitFigures): string {
  return `; group commits: mean ${ms(c.meanCommitMs)} ms, ${ms(c.meanBatch)} updates each`;
}

/** One fan-out step, with the nodes' group-commit figures over it (warm-up and drain included). */
async function fanout(ctx: Context, targets: TargetRef[], s: FanoutSpec): Promise<{ result: FanoutResult; commits: CommitFigures }> {
  const window = await commitWindow(targets);
  const result = await ctx.load.run<FanoutResult>({ op: 'fanout-across', targets, spec: s }, s.warmupMs + s.durationMs + 80_000);
  return { result, commits: await window() };
}

/** Rates above the moderate one (which counts as the first step), until the nodes clearly fall behind. */
async function ladder(ctx: Context, run: ScalingRun, targets: TargetRef[], config: ScalingConfig): Promise<ScalingLadder> {
  const out: ScalingLadder = { best: 0, bestStep: null, sustained: 0, sustainedStep: null, stoppedStep: null, steps: [] };
  const record = (step: FanoutResult): boolean => {
    if (within(step, 'p50', SUSTAINED_P50_MS) && step.deliveredPerSecond > out.sustained) {
      out.sustained = step.deliveredPerSecond;
      out.sustainedStep = step;
    }
    if (within(step, 'p99', P99_LIMIT_MS) && step.deliveredPerSecond > out.best) {
      out.best = step.deliveredPerSecond;
      out.bestStep = step;
    }
    if (within(step, 'p50', STOP_P50_MS)) return true;
    out.stoppedStep = step;
    return false;
  };
  if (run.moderate?.ok && !record(run.moderate.value)) return out;
  for (const rate of config.rates.filter((r) => r > config.moderateRate)) {
    const { result: step, commits } = await fanout(ctx, targets, spec(config, rate, config.stepMs));
    out.steps.push(step);
    ctx.log(`  ${run.label.padEnd(16)} ${String(rate).padStart(4)} keys/s: ${describe(step)}${describeCommits(commits)}`);
    if (!record(step)) break;
  }
  return out;
}

/** Runs the workload; a missing PostgreSQL or Redis is a skip (with the reason), never a failure. */
export async function runScaling(ctx: Context): Promise<ScalingResult> {
  const config = ctx.options.sizes.scaling;
  const services = servicesFromEnv();
  const cpuQuota = ctx.options.cpuQuota;
  const result: ScalingResult = {
    config,
    cpuQuota,
    databaseUrl: redact(services.databaseUrl),
    redisUrl: redact(services.redisUrl),
    skipped: null,
    error: null,
    runs: [],
  };
  ctx.log(
    `scaling: ${config.docs} docs x (${config.typists} typists + ${config.listeners} listeners) on ${config.nodes.join(', ')} Confer nodes ` +
      `sharing ${result.databaseUrl} and ${result.redisUrl}, clients of each document round-robin over the nodes` +
      (cpuQuota === null ? '' : `, each node limited to ${cpuQuota}% of one core (cgroup v1 cpu quota)`),
  );
  const why = (cpuQuota === null ? null : cpuQuotaUnavailable()) ?? (await unavailable(services));
  if (why) {
    result.skipped = why;
    ctx.log(`  SKIPPED scaling: ${why}.${cpuQuota === null ? ' Set DATABASE_URL and REDIS_URL to run it.' : ''}`);
    return result;
  }
  let cluster: Cluster | null = null;
  let reference: ServerHandle | null = null;
  const referenceDir = ctx.cleanup.tempDir('confer-bench-sqlite-');
  try {
    const startedAt = performance.now();
    // The SQLite reference is unpinned like the cluster nodes, so that only the engine and the Redis hop differ.
    const [clusterStart, sqliteStart] = await Promise.allSettled([
      Cluster.start(ctx, services, Math.max(...config.nodes), cpuQuota),
      config.sqliteReference ? ServerHandle.launch(ctx.cleanup, { name: 'confer', cpu: null, dataDir: referenceDir, startTimeoutMs: 120_000 }) : null,
    ]);
    // Keep whatever started, so that the finally block stops it, before reporting what did not.
    if (clusterStart.status === 'fulfilled') cluster = clusterStart.value;
    if (sqliteStart.status === 'fulfilled') reference = sqliteStart.value;
    if (clusterStart.status === 'rejected') throw clusterStart.reason;
    if (sqliteStart.status === 'rejected') throw sqliteStart.reason;
    const started = clusterStart.value;
    const sqlite = reference;
    ctx.log(`  ${started.nodes.length} nodes${sqlite ? ' and the SQLite reference' : ''} ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
    const nodes = started.nodes;
    const columns: Array<{ run: ScalingRun; targets: TargetRef[] }> = config.nodes.map((n) => ({
      run: { label: `${n} node${n === 1 ? '' : 's'}`, nodes: n, engine: 'postgres+redis', moderate: null, commits: null, ladder: null },
      targets: nodes.slice(0, n).map((node) => node.ref),
    }));
    if (sqlite) columns.push({ run: { label: '1 node (SQLite)', nodes: 1, engine: 'sqlite', moderate: null, commits: null, ladder: null }, targets: [sqlite.ref] });
    result.runs = columns.map((c) => c.run);
    for (const { run, targets } of columns) {
      run.moderate = await attempt(ctx, `scaling ${run.label}`, async () => {
        const { result: r, commits } = await fanout(ctx, targets, spec(config, config.moderateRate, config.durationMs));
        run.commits = commits;
        ctx.log(`  ${run.label.padEnd(16)} ${String(config.moderateRate).padStart(4)} keys/s (latency): ${describe(r)}${describeCommits(commits)}`);
        return r;
      });
    }
    for (const { run, targets } of columns) run.ladder = await attempt(ctx, `scaling ladder ${run.label}`, () => ladder(ctx, run, targets, config));
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    ctx.log(`  ! scaling: ${result.error.split('\n')[0]}`);
  } finally {
    await ctx.load.run({ op: 'close-all' }, 30_000).catch(() => undefined);
    await reference?.stop();
    ctx.cleanup.removeDir(referenceDir);
    await cluster?.stop();
  }
  return result;
}
