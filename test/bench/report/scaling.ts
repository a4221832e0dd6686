/** The scaling section of the stdout table: one column per node count (and the SQLite reference). */
import type { FanoutResult } from '../load/jobs.js';
import type { Outcome, ScalingLadder, ScalingResult, ScalingRun } from '../results.js';
import { formatValue } from './table.js';

type Pick = (run: ScalingRun) => string;

function fromModerate(fn: (r: FanoutResult) => string): Pick {
  return (run) => outcomeText(run.moderate, fn);
}

function fromLadder(fn: (l: ScalingLadder) => string): Pick {
  return (run) => outcomeText(run.ladder, fn);
}

function outcomeText<T>(outcome: Outcome<T> | null, fn: (value: T) => string): string {
  if (!outcome) return '-';
  return outcome.ok ? fn(outcome.value) : 'failed';
}

const lg = (r: FanoutResult | null) => (r ? ` [lg ${Math.round(r.usage.loadCpu * 100)}%]` : '');
const cpu = (r: FanoutResult) => r.nodeCpu.map((c) => `${Math.round(c * 100)}%`).join(' / ');

/** "12.3k/s" plus where the ladder stopped. */
function best(value: number, step: FanoutResult | null): string {
  return step ? `${formatValue(value, '/s')} at ${step.spec.rate} keys/s${lg(step)}` : 'none';
}

/** Sustained throughput of each column against the first (1 node on PostgreSQL + Redis). */
function ratio(result: ScalingResult): Pick {
  const base = result.runs[0]?.ladder;
  const baseValue = base?.ok ? base.value.sustained : 0;
  return fromLadder((l) => (baseValue > 0 && l.sustained > 0 ? `${(l.sustained / baseValue).toFixed(2)}x` : 'n/a'));
}

/** The section as text lines (empty when the workload did not run). */
export function renderScaling(result: ScalingResult | null): string[] {
  if (!result) return [];
  const c = result.config;
  const title = `## Scaling across nodes: ${c.docs} docs x (${c.typists} typists + ${c.listeners} listeners), clients of each document round-robin over the nodes; PostgreSQL + Redis`;
  if (result.skipped) return [title, `  SKIPPED: ${result.skipped}`];
  if (result.error && result.runs.length === 0) return [title, `  FAILED: ${result.error.split('\n')[0]}`];
  const at = `at ${c.moderateRate} keys/s`;
  const rows: Array<[string, Pick]> = [
    [`p50 latency ${at}`, fromModerate((r) => formatValue(r.latency.p50, 'ms'))],
    [`p99 latency ${at}`, fromModerate((r) => `${formatValue(r.latency.p99, 'ms')}${lg(r)}`)],
    [`delivered updates ${at}`, fromModerate((r) => formatValue(r.deliveredPerSecond, '/s'))],
    ['undelivered edits (all steps)', (run) => undelivered(run)],
    [`CPU per node ${at} (% of a core)`, fromModerate(cpu)],
    [`machine CPU busy ${at} (cores)`, fromModerate((r) => r.machineCpu.toFixed(2))],
    [`group commit ${at}: mean time, updates each`, (run) => (run.commits ? commits(run.commits) : '-')],
    ['highest delivered, p99 <= 50 ms', fromLadder((l) => best(l.best, l.bestStep))],
    ['highest delivered, p50 <= 250 ms (keeps pace)', fromLadder((l) => best(l.sustained, l.sustainedStep))],
    ['ladder stopped (p50 > 1 s or behind) at', fromLadder((l) => (l.stoppedStep ? `${l.stoppedStep.spec.rate} keys/s` : 'never (top of the ladder)'))],
    ['CPU per node at that rate', fromLadder((l) => (l.sustainedStep ? cpu(l.sustainedStep) : '-'))],
    ['keeps-pace throughput vs 1 node', ratio(result)],
  ];
  const header = ['figure', ...result.runs.map((r) => r.label)];
  const lines = rows.map(([label, pick]) => [`  ${label}`, ...result.runs.map(pick)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cols: string[]) => cols.map((col, i) => col.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const steps = c.rates.length > 0 ? `, then ${c.rates.join(', ')} keys/s for ${c.stepMs / 1000} s each` : ' only';
  const share = result.cpuQuota === null ? '' : ` Each node is limited to ${result.cpuQuota}% of one core (its own cgroup).`;
  const note = `  Nodes, PostgreSQL and Redis are not pinned (they share every core).${share} Ladder: ${c.moderateRate} keys/s per typist (the latency run)${steps}.`;
  return [title, note, fmt(header), ...lines.map(fmt), ...(result.error ? [`  ! ${result.error.split('\n')[0]}`] : [])];
}

function commits(c: NonNullable<ScalingRun['commits']>): string {
  const num = (v: number | null) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(1) : 'n/a');
  return `${num(c.meanCommitMs)} ms, ${num(c.meanBatch)}`;
}

function undelivered(run: ScalingRun): string {
  const all = [...(run.moderate?.ok ? [run.moderate.value] : []), ...(run.ladder?.ok ? run.ladder.value.steps : [])];
  if (all.length === 0) return '-';
  const missing = all.reduce((sum, r) => sum + r.undelivered, 0);
  const diverged = all.some((r) => !r.converged);
  return `${missing}${diverged ? ' (NOT CONVERGED)' : ''}`;
}
