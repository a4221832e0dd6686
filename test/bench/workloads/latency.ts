/** Workloads 1 (fan-out latency) and 2 (saturation). */
import type { FanoutResult, FanoutSpec } from '../load/jobs.js';
import type { FanoutConfig } from '../options.js';
import type { BenchResults, PerTarget, SaturationResult } from '../results.js';
import type { ServerHandle } from '../handles.js';
import { attempt, rotated, withServer, type Context } from './context.js';

/** p99 above this, or anything undelivered, or less than 95% of the planned rate: the step failed. */
const P99_LIMIT_MS = 50;

function spec(ctx: Context, config: Omit<FanoutConfig, 'label'>, durationMs: number): FanoutSpec {
  const { docs, typists, listeners, rate, fullDocs } = config;
  return { docs, typists, listeners, rate, fullDocs, warmupMs: ctx.options.sizes.warmupMs, durationMs };
}

function timeout(s: FanoutSpec): number {
  return s.warmupMs + s.durationMs + 60_000;
}

// NaN (no samples) arrives as null over IPC.
const ms = (v: number | null, digits: number) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : 'n/a');

function describe(r: FanoutResult): string {
  const l = r.latency;
  return `p50 ${ms(l.p50, 2)} p99 ${ms(l.p99, 2)} max ${ms(l.max, 1)} ms, ${Math.round(r.deliveredPerSecond)}/s, undelivered ${r.undelivered}, server cpu ${(r.usage.serverCpu * 100).toFixed(0)}%, load cpu ${(r.usage.loadCpu * 100).toFixed(0)}%, typing lag ${ms(r.typingLagMs, 0)} ms${r.converged ? '' : ', NOT CONVERGED'}`;
}

function passed(r: FanoutResult): boolean {
  const s = r.spec;
  const planned = s.docs * s.typists * s.rate * (s.typists + s.listeners - 1);
  return typeof r.latency.p99 === 'number' && r.latency.p99 <= P99_LIMIT_MS && r.undelivered === 0 && r.deliveredPerSecond >= 0.95 * planned;
}

async function fanoutOn(ctx: Context, server: ServerHandle, config: FanoutConfig): Promise<FanoutResult> {
  const s = spec(ctx, config, ctx.options.sizes.durationMs);
  const result = await ctx.load.run<FanoutResult>({ op: 'fanout', target: server.ref, spec: s }, timeout(s));
  ctx.log(`  ${server.start.name.padEnd(10)} ${config.label}: ${describe(result)}`);
  return result;
}

async function saturate(ctx: Context, server: ServerHandle): Promise<SaturationResult> {
  const sat = ctx.options.sizes.saturation;
  const result: SaturationResult = { best: 0, bestStep: null, failedStep: null, steps: [] };
  for (const rate of sat.rates) {
    const s = spec(ctx, { ...sat, rate, fullDocs: 1 }, sat.durationMs);
    const step = await ctx.load.run<FanoutResult>({ op: 'fanout', target: server.ref, spec: s }, timeout(s));
    result.steps.push(step);
    ctx.log(`  ${server.start.name.padEnd(10)} saturation ${String(rate).padStart(4)} keys/s: ${describe(step)}`);
    if (!passed(step)) {
      result.failedStep = step;
      break;
    }
    if (step.deliveredPerSecond > result.best) {
      result.best = step.deliveredPerSecond;
      result.bestStep = step;
    }
  }
  return result;
}

/**
 * Workloads 1 and 2 on one server process per target (targets in rotated order): every fan-out
 * configuration, then the saturation ladder. Each run uses fresh documents.
 */
export async function runLatency(ctx: Context, want: { fanout: boolean; saturation: boolean }): Promise<Pick<BenchResults, 'fanout' | 'saturation'>> {
  const configs = want.fanout ? ctx.options.sizes.fanout : [];
  const fanout: BenchResults['fanout'] = configs.map((config) => ({ config, targets: {} }));
  const saturation: PerTarget<SaturationResult> = {};
  const sat = ctx.options.sizes.saturation;
  ctx.log(`fan-out latency${want.saturation ? ` and saturation (${sat.docs} docs x (${sat.typists} typists + ${sat.listeners} listeners), rising keys/s per typist)` : ''}`);
  for (const name of rotated(ctx, 0)) {
    const outcome = await attempt(ctx, `latency ${name}`, () =>
      withServer(ctx, name, async (server) => {
        for (const entry of fanout) entry.targets[name] = await attempt(ctx, `fan-out ${name}`, () => fanoutOn(ctx, server, entry.config));
        if (want.saturation) saturation[name] = await attempt(ctx, `saturation ${name}`, () => saturate(ctx, server));
      }),
    );
    if (!outcome.ok) {
      for (const entry of fanout) entry.targets[name] ??= outcome;
      if (want.saturation) saturation[name] ??= outcome;
    }
  }
  return { fanout, saturation };
}
