/** Workloads 1 (fan-out latency) and 2 (saturation), interleaved across targets. */
import type { FanoutResult, FanoutSpec } from '../load/jobs.js';
import type { FanoutConfig } from '../options.js';
import type { BenchResults, PerTarget, SaturationResult } from '../results.js';
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
  return `p50 ${ms(l.p50, 2)} p99 ${ms(l.p99, 2)} max ${ms(l.max, 1)} ms, ${Math.round(r.deliveredPerSecond)}/s, undelivered ${r.undelivered}, server cpu ${(r.usage.serverCpu * 100).toFixed(0)}%, load cpu ${(r.usage.loadCpu * 100).toFixed(0)}%${r.converged ? '' : ', NOT CONVERGED'}`;
}

export async function runFanout(ctx: Context): Promise<BenchResults['fanout']> {
  const out: BenchResults['fanout'] = [];
  let turn = 0;
  for (const config of ctx.options.sizes.fanout) {
    ctx.log(`fan-out: ${config.label}`);
    const targets: PerTarget<FanoutResult> = {};
    for (const name of rotated(ctx, turn++)) {
      targets[name] = await attempt(ctx, `fan-out ${name}`, () =>
        withServer(ctx, name, async (server) => {
          const s = spec(ctx, config, ctx.options.sizes.durationMs);
          const result = await ctx.load.run<FanoutResult>({ op: 'fanout', target: server.ref, spec: s }, timeout(s));
          ctx.log(`  ${name.padEnd(10)} ${describe(result)}`);
          return result;
        }),
      );
    }
    out.push({ config, targets });
  }
  return out;
}

function passed(r: FanoutResult): boolean {
  const s = r.spec;
  const planned = s.docs * s.typists * s.rate * (s.typists + s.listeners - 1);
  return typeof r.latency.p99 === 'number' && r.latency.p99 <= P99_LIMIT_MS && r.undelivered === 0 && r.deliveredPerSecond >= 0.95 * planned;
}

export async function runSaturation(ctx: Context): Promise<BenchResults['saturation']> {
  const sat = ctx.options.sizes.saturation;
  ctx.log(`saturation: ${sat.docs} docs x (${sat.typists} typists + ${sat.listeners} listeners), rising keys/s per typist`);
  const out: PerTarget<SaturationResult> = {};
  for (const name of rotated(ctx, 1)) {
    out[name] = await attempt(ctx, `saturation ${name}`, () =>
      withServer(ctx, name, async (server) => {
        const result: SaturationResult = { best: 0, bestStep: null, failedStep: null, steps: [] };
        for (const rate of sat.rates) {
          const s = spec(ctx, { ...sat, rate, fullDocs: 1 }, sat.durationMs);
          const step = await ctx.load.run<FanoutResult>({ op: 'fanout', target: server.ref, spec: s }, timeout(s));
          result.steps.push(step);
          ctx.log(`  ${name.padEnd(10)} ${String(rate).padStart(4)} keys/s: ${describe(step)}`);
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
      }),
    );
  }
  return out;
}
