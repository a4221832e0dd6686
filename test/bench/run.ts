/**
 * `npm run bench [-- --quick] [--only=fanout,memory] [--targets=confer,raw] [--profile]`
 *
 * Confer side by side with @hocuspocus/server, @y/websocket-server and a raw `ws` broadcast ceiling.
 * Every server runs in its own child process pinned to core 0, the load generator in another pinned to
 * core 1; traffic stays on 127.0.0.1. Targets are interleaved within each workload. The scaling workload
 * runs 1, 2 and 3 Confer nodes (unpinned) on PostgreSQL + Redis instead. Writes a table to
 * stdout and a JSON file and an SVG chart under bench-results/. The figures are never judged here: the
 * exit code only says whether the run itself worked (so --quick can be a CI smoke check).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LoadGenerator } from './handles.js';
import { parseOptions } from './options.js';
import { ensureServerBuilt } from './servers/compiled.js';
import { Cleanup, hasTaskset } from './proc.js';
import { renderChart } from './report/chart.js';
import { describeProfile } from './report/profile.js';
import { renderTable } from './report/table.js';
import type { BenchResults } from './results.js';
import type { Context } from './workloads/context.js';
import { runLatency } from './workloads/latency.js';
import { runConcurrent, runStorm } from './workloads/recovery.js';
import { runLarge, runMemory } from './workloads/resources.js';
import { runScaling } from './workloads/scaling.js';
import { runSuggest } from './workloads/suggest.js';

async function main(cleanup: Cleanup): Promise<number> {
  const args = process.argv.slice(2);
  const options = parseOptions(args);
  const pinned = hasTaskset() && os.cpus().length >= 2;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (!pinned) log('taskset not available (or one core only): server and load generator are NOT pinned to separate cores');
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    finishedAt: '',
    command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
    quick: options.quick,
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      os: `${os.type()} ${os.release()}`,
      loadBefore: os.loadavg(),
      loadAfter: [],
      pinned,
      fsyncMs: fsyncProbe(),
    },
    fanout: [],
    saturation: {},
    memory: [],
    large: {},
    storm: {},
    concurrent: {},
    scaling: null,
  };
  log(`${results.command}: targets ${options.targets.join(', ')}; workloads ${options.workloads.join(', ')}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (options.targets.some((t) => t.startsWith('confer')) || options.workloads.includes('scaling')) ensureServerBuilt();
  const load = await LoadGenerator.launch(cleanup, pinned ? 1 : null);
  const ctx: Context = { options, cleanup, load, serverCpu: pinned ? 0 : null, log };
  try {
    const w = new Set(options.workloads);
    if (w.has('fanout') || w.has('saturation')) Object.assign(results, await runLatency(ctx, { fanout: w.has('fanout'), saturation: w.has('saturation') }));
    if (w.has('memory')) results.memory = await runMemory(ctx);
    if (w.has('large')) results.large = await runLarge(ctx);
    if (w.has('storm')) results.storm = await runStorm(ctx);
    if (w.has('concurrent')) results.concurrent = await runConcurrent(ctx);
    if (w.has('suggest')) results.suggest = await runSuggest(ctx);
    if (w.has('scaling')) results.scaling = await runScaling(ctx);
  } finally {
    await load.stop();
  }
  results.finishedAt = new Date().toISOString();
  results.machine.loadAfter = os.loadavg();

  fs.mkdirSync(options.outDir, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const json = path.join(options.outDir, `bench-${stamp}.json`);
  const svg = path.join(options.outDir, `bench-${stamp}.svg`);
  fs.writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(options.outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(svg, renderChart(results));
  fs.writeFileSync(path.join(options.outDir, 'latest.svg'), renderChart(results));
  log('');
  log(renderTable(results));
  log(`\nwrote ${json} and ${svg}`);
  if (options.profile) printProfiles(options.outDir, Date.parse(results.startedAt), log);
  const failures = countFailures(results);
  if (failures > 0) log(`${failures} target run(s) failed; see the lines marked "!" above`);
  return failures > 0 ? 1 : 0;
}

/** Top frames of the Confer main-thread profiles written by this run (thread 0; tsx's loader is another). */
function printProfiles(outDir: string, since: number, log: (line: string) => void): void {
  const dir = path.join(outDir, 'profiles');
  if (!fs.existsSync(dir)) return;
  for (const file of fs.readdirSync(dir)) {
    const full = path.join(dir, file);
    if (!/\.0\.\d+\.cpuprofile$/.test(file) || fs.statSync(full).mtimeMs < since) continue;
    log(`\n${describeProfile(full, 15)}`);
  }
}

/** fdatasync latency of the temp dir, where Confer's database lives during the run: its durable-commit floor. */
function fsyncProbe(): { p50: number; p90: number } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'confer-fsync-')), 'probe');
  const fd = fs.openSync(file, 'w');
  const times: number[] = [];
  try {
    for (let i = 0; i < 40; i++) {
      fs.writeSync(fd, 'x'.repeat(256));
      const start = performance.now();
      fs.fdatasyncSync(fd);
      times.push(performance.now() - start);
    }
  } finally {
    fs.closeSync(fd);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return { p50: times[20] ?? NaN, p90: times[36] ?? NaN };
}

function countFailures(results: BenchResults): number {
  const outcomes = [
    ...results.fanout.flatMap((f) => Object.values(f.targets)),
    ...results.memory.flatMap((m) => Object.values(m.targets)),
    ...Object.values(results.saturation),
    ...Object.values(results.large),
    ...Object.values(results.storm),
    ...Object.values(results.concurrent),
  ];
  const scaling = results.scaling?.runs.flatMap((r) => [r.moderate, r.ladder]) ?? [];
  const broken = results.scaling?.error ? 1 : 0;
  return outcomes.filter((o) => o && !o.ok).length + scaling.filter((o) => o && !o.ok).length + broken;
}

const cleanup = new Cleanup();
const quickRun = process.argv.includes('--quick');
// Hard ceiling on the whole invocation, so that a hung target can never hold CI or a terminal.
const deadline = setTimeout(
  () => {
    process.stderr.write('bench: deadline exceeded, stopping everything\n');
    cleanup.runAll();
    process.exit(3);
  },
  (quickRun ? 5 : 30) * 60_000,
);
deadline.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    cleanup.runAll();
    process.exit(130);
  });
}
process.on('exit', () => cleanup.runAll());

main(cleanup).then(
  (code) => {
    cleanup.runAll();
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    cleanup.runAll();
    process.exit(2);
  },
);
