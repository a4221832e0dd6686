/** Workloads 3 (memory per idle room and connection) and 4 (the large document). */
import type { MemoryFigures } from '../handles.js';
import type { JoinResult, LargeLoadResult, TargetRef } from '../load/jobs.js';
import type { BenchResults, LargeResult, MemoryResult, PerTarget } from '../results.js';
import { median } from '../stats.js';
import { attempt, launch, rotated, withServer, type Context } from './context.js';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function runMemory(ctx: Context): Promise<BenchResults['memory']> {
  const out: BenchResults['memory'] = [];
  let turn = 2;
  for (const rooms of ctx.options.sizes.memoryRooms) {
    ctx.log(`memory: ${rooms} idle rooms with one client, then one more client each`);
    const targets: PerTarget<MemoryResult> = {};
    for (const name of rotated(ctx, turn++)) {
      targets[name] = await attempt(ctx, `memory ${name}`, () =>
        withServer(ctx, name, async (server) => {
          const timeoutMs = 60_000 + rooms * 30;
          const idle: MemoryFigures = await server.memory();
          // Warm-up rooms first, so one-time allocations (JIT, pools) are not charged to the measured rooms.
          await ctx.load.run({ op: 'memory-open', target: server.ref, open: { rooms: ctx.options.sizes.memoryWarmRooms, prefix: 'warm' } }, timeoutMs);
          const baseline: MemoryFigures = await server.memory();
          await ctx.load.run({ op: 'memory-open', target: server.ref, open: { rooms, prefix: 'room' } }, timeoutMs);
          const afterRooms = await server.memory();
          await ctx.load.run({ op: 'memory-extra', target: server.ref, prefix: 'room' }, timeoutMs);
          const afterExtra = await server.memory();
          const heap = (m: MemoryFigures) => m.heapUsed + m.external;
          const result: MemoryResult = {
            rooms,
            idle,
            baseline,
            afterRooms,
            afterExtra,
            rssPerRoom: (afterRooms.rss - baseline.rss) / rooms,
            rssPerConnection: (afterExtra.rss - afterRooms.rss) / rooms,
            heapPerRoom: (heap(afterRooms) - heap(baseline)) / rooms,
            heapPerConnection: (heap(afterExtra) - heap(afterRooms)) / rooms,
          };
          ctx.log(`  ${name.padEnd(10)} idle ${(idle.rss / 2 ** 20).toFixed(1)} MB RSS; per room ${kb(result.rssPerRoom)} RSS (${kb(result.heapPerRoom)} heap), per extra connection ${kb(result.rssPerConnection)} RSS (${kb(result.heapPerConnection)} heap)`);
          return result;
        }),
      );
    }
    out.push({ rooms, targets });
  }
  return out;
}

async function joins(ctx: Context, ref: TargetRef, count: number): Promise<JoinResult[]> {
  const results: JoinResult[] = [];
  for (let i = 0; i < count; i++) results.push(await ctx.load.run<JoinResult>({ op: 'large-join', target: ref }, 60_000));
  return results;
}

export async function runLarge(ctx: Context): Promise<BenchResults['large']> {
  const sizes = ctx.options.sizes;
  ctx.log(`large document: automerge-paper (259,778 edits) as ${sizes.largeUpdates} updates, then joiners`);
  const out: PerTarget<LargeResult> = {};
  for (const name of rotated(ctx, 3)) {
    if (name === 'raw') continue; // A broadcast relay keeps no document to sync a joiner from.
    out[name] = await attempt(ctx, `large ${name}`, () =>
      withServer(ctx, name, async (server, dataDir) => {
        const load = await ctx.load.run<LargeLoadResult>({ op: 'large-load', target: server.ref, updates: sizes.largeUpdates }, 180_000);
        const warm = await joins(ctx, server.ref, sizes.largeJoins);
        const result: LargeResult = { load, warm, warmMedian: median(warm.map((j) => j.ms)), cold: null, warmAfterCold: [] };
        if (name.startsWith('confer')) {
          // Cold open: kill -9 (no shutdown, no final compaction), restart on the same data, first joiner.
          // Other small rooms are opened first, so that the figure is the document's load, not V8 warming up.
          await server.kill();
          const restarted = await launch(ctx, name, dataDir);
          try {
            await ctx.load.run({ op: 'memory-open', target: restarted.ref, open: { rooms: 50, prefix: 'jit' } }, 60_000);
            result.cold = await ctx.load.run<JoinResult>({ op: 'large-join', target: restarted.ref }, 60_000);
            result.warmAfterCold = await joins(ctx, restarted.ref, sizes.largeJoins);
          } finally {
            await restarted.stop();
          }
        }
        const ok = [...warm, ...(result.cold ? [result.cold] : []), ...result.warmAfterCold].every((j) => j.correct);
        ctx.log(
          `  ${name.padEnd(10)} sent ${load.updates} updates (${kb(load.bytes)}) in ${(load.sendMs / 1000).toFixed(1)} s; warm join median ${result.warmMedian.toFixed(1)} ms` +
            (result.cold ? `; cold open + join ${result.cold.ms.toFixed(1)} ms` : '') +
            (ok ? '' : '; WRONG CONTENT'),
        );
        return result;
      }),
    );
  }
  return out;
}
