/**
 * Child processes of a benchmark run: the server under test and the load generator, each pinned to its
 * own core with taskset when it exists, each started with an IPC channel. Everything started or created
 * is registered with a Cleanup, which kills and removes it on every exit path (error, Ctrl-C, deadline).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Children and temp dirs to remove however the run ends. */
export class Cleanup {
  private readonly children = new Set<ChildProcess>();
  private readonly dirs = new Set<string>();
  private readonly hooks = new Set<() => void>();

  child(child: ChildProcess): ChildProcess {
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  tempDir(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    this.dirs.add(dir);
    return dir;
  }

  removeDir(dir: string): void {
    fs.rmSync(dir, { recursive: true, force: true });
    this.dirs.delete(dir);
  }

  /**
   * Registers a synchronous undo step (a cgroup to remove) run after the children are killed; the returned
   * function runs it now instead (once).
   */
  onExit(hook: () => void): () => void {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      this.hooks.delete(once);
      hook();
    };
    this.hooks.add(once);
    return once;
  }

  /** Synchronous, so it also works from a signal handler or 'exit'. */
  runAll(): void {
    for (const child of this.children) if (child.exitCode === null) child.kill('SIGKILL');
    this.children.clear();
    for (const hook of [...this.hooks]) hook();
    for (const dir of this.dirs) fs.rmSync(dir, { recursive: true, force: true });
    this.dirs.clear();
  }
}

/** True when `taskset` (util-linux) can pin processes here. */
export function hasTaskset(): boolean {
  return spawnSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' }).status === 0;
}

export interface SpawnOptions {
  /** Core to pin to, or null for no pinning. */
  cpu: number | null;
  env?: Record<string, string>;
  /** Extra Node flags (--expose-gc, --cpu-prof, ...). */
  nodeFlags?: string[];
}

/** Starts `node --import tsx <script> ...args` with an IPC channel, pinned to `options.cpu`. */
export function spawnNode(cleanup: Cleanup, script: string, args: string[], options: SpawnOptions): ChildProcess {
  const command = [process.execPath, ...(options.nodeFlags ?? []), '--import', 'tsx', script, ...args];
  const argv = options.cpu === null ? command : ['taskset', '-c', String(options.cpu), ...command];
  // taskset execs node in place, so the IPC channel and the PID carry over to the Node process.
  const child = spawn(argv[0] as string, argv.slice(1), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...options.env },
  });
  return cleanup.child(child);
}

/** Resolves with the first IPC message that `accept` maps to a value; rejects on exit or timeout. */
export function nextMessage<T>(child: ChildProcess, accept: (message: unknown) => T | undefined, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      const value = accept(message);
      if (value === undefined) return;
      done();
      resolve(value);
    };
    const onExit = (code: number | null, signal: string | null) => {
      done();
      reject(new Error(`${what}: process exited (code ${code}, signal ${signal})`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${what}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Waits for a child to exit; SIGKILLs it after `graceMs`. */
export function waitExit(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
