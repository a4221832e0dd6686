/** What every workload runner gets: options, the load generator, cleanup, and a server launcher. */
import path from 'node:path';
import { LoadGenerator, ServerHandle } from '../handles.js';
import type { Options } from '../options.js';
import type { Cleanup } from '../proc.js';
import type { Outcome } from '../results.js';
import type { TargetName } from '../servers/targets.js';

export interface Context {
  options: Options;
  cleanup: Cleanup;
  load: LoadGenerator;
  /** Cores for the server and the load generator, or null when taskset is missing. */
  serverCpu: number | null;
  log(line: string): void;
}

/** The targets in a rotated order, so that machine drift does not always favour the same one. */
export function rotated(ctx: Context, turn: number): TargetName[] {
  const t = ctx.options.targets;
  return t.map((_, i) => t[(i + turn) % t.length] as TargetName);
}

/** Launches a target with a fresh data directory (Confer), runs `fn`, and always stops and cleans up. */
export async function withServer<T>(ctx: Context, name: TargetName, fn: (server: ServerHandle, dataDir: string) => Promise<T>): Promise<T> {
  const dataDir = ctx.cleanup.tempDir(`confer-bench-${name}-`);
  let server: ServerHandle | null = null;
  try {
    server = await launch(ctx, name, dataDir);
    return await fn(server, dataDir);
  } finally {
    await ctx.load.run({ op: 'close-all' }, 30_000).catch(() => undefined);
    await server?.stop();
    ctx.cleanup.removeDir(dataDir);
  }
}

/** Starts a target process (with a CPU profile for Confer under --profile). */
export function launch(ctx: Context, name: TargetName, dataDir: string, port = 0): Promise<ServerHandle> {
  const profile = ctx.options.profile && name.startsWith('confer');
  return ServerHandle.launch(ctx.cleanup, {
    name,
    cpu: ctx.serverCpu,
    dataDir,
    port,
    nodeFlags: profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(ctx.options.outDir, 'profiles')}`] : [],
  });
}

/** Runs one target's part of a workload; a failure is recorded, never fatal to the whole run. */
export async function attempt<T>(ctx: Context, what: string, fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.log(`  ! ${what}: ${message.split('\n')[0]}`);
    return { ok: false, error: message };
  }
}
