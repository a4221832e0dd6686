/** Workloads 5 (reconnect storm) and 6 (the concurrent trace through two clients). */
import type { ConcurrentResult, StormResult } from '../load/jobs.js';
import type { BenchResults, PerTarget, StormFigures } from '../results.js';
import { attempt, launch, rotated, withServer, type Context } from './context.js';

// Paced below Confer's 400 messages/s per connection, for every target alike.
const CONCURRENT_RATE = 350;

export async function runStorm(ctx: Context): Promise<BenchResults['storm']> {
  const { clients, docs } = ctx.options.sizes.storm;
  ctx.log(`reconnect storm: ${clients} clients across ${docs} documents reconnect at once`);
  const out: PerTarget<StormFigures> = {};
  const waitMs = 60_000;
  for (const name of rotated(ctx, 0)) {
    out[name] = await attempt(ctx, `storm ${name}`, () =>
      withServer(ctx, name, async (server, dataDir) => {
        await ctx.load.run({ op: 'storm-connect', target: server.ref, clients, docs }, 120_000);
        const droppedAt = await ctx.load.run<number>({ op: 'storm-drop' }, 10_000);
        const blip = await ctx.load.run<StormResult>({ op: 'storm-wait', timeoutMs: waitMs }, waitMs + 10_000);
        const figures: StormFigures = { blipMs: blip.allSyncedAt - droppedAt, blip, restartMs: null, restartFromReadyMs: null, restart: null };
        if (name.startsWith('confer')) {
          // A deploy: graceful stop (commit, close sockets with 1012), a new process on the same port and data.
          const armedAt = await ctx.load.run<number>({ op: 'storm-arm', target: server.ref }, 10_000);
          await server.stop();
          const restarted = await launch(ctx, name, dataDir, server.port);
          const readyAt = performance.timeOrigin + performance.now();
          try {
            const restart = await ctx.load.run<StormResult>({ op: 'storm-wait', timeoutMs: waitMs }, waitMs + 10_000);
            figures.restart = restart;
            figures.restartMs = restart.allSyncedAt - armedAt;
            figures.restartFromReadyMs = restart.allSyncedAt - readyAt;
          } finally {
            await ctx.load.run({ op: 'close-all' }, 30_000);
            await restarted.stop();
          }
        }
        const missing = blip.missing + (figures.restart?.missing ?? 0);
        ctx.log(
          `  ${name.padEnd(10)} blip: all ${blip.clients} synced after ${figures.blipMs.toFixed(0)} ms` +
            (figures.restartMs === null ? '' : `; restart: ${figures.restartMs.toFixed(0)} ms from stop, ${figures.restartFromReadyMs?.toFixed(0)} ms from ready`) +
            (missing ? `; ${missing} NEVER RESYNCED` : ''),
        );
        return figures;
      }),
    );
  }
  return out;
}

export async function runConcurrent(ctx: Context): Promise<BenchResults['concurrent']> {
  ctx.log('concurrent trace: friendsforever through two clients');
  const out: PerTarget<ConcurrentResult> = {};
  for (const name of rotated(ctx, 1)) {
    out[name] = await attempt(ctx, `concurrent ${name}`, () =>
      withServer(ctx, name, async (server) => {
        const sizes = ctx.options.sizes;
        // Infinity does not survive IPC (JSON): ask for "more than the trace has" instead.
        const txns = Number.isFinite(sizes.concurrentTxns) ? sizes.concurrentTxns : Number.MAX_SAFE_INTEGER;
        const job = { op: 'concurrent' as const, target: server.ref, batch: sizes.concurrentBatch, rate: CONCURRENT_RATE, txns };
        const result = await ctx.load.run<ConcurrentResult>(job, 180_000);
        const verdict = result.writersCorrect && result.joinerCorrect !== false ? 'final text matches' : 'MISMATCH';
        ctx.log(`  ${name.padEnd(10)} ${result.txns} txns as ${result.messages} messages in ${(result.ms / 1000).toFixed(1)} s: ${verdict}`);
        return result;
      }),
    );
  }
  return out;
}
