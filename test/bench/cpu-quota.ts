/**
 * A fixed CPU share per server process (`--cpu-quota=40`: 40% of one core each), through cgroup v1's cpu
 * controller: one group per process, /sys/fs/cgroup/cpu/confer-bench-<pid>-<n>, with cpu.cfs_quota_us
 * set against a 100 ms cpu.cfs_period_us. On a machine whose cores are all shared, this is what lets 1, 2
 * and 3 nodes be compared: each node gets the same share whatever else runs. Every group is registered with
 * the run's Cleanup, so it is removed on every exit path (error, Ctrl-C, deadline); removal is synchronous
 * (a process still inside is first moved back to the root group, since a group with members cannot be
 * removed), so that it also works from a signal handler.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Cleanup } from './proc.js';

const CPU_ROOT = '/sys/fs/cgroup/cpu';
const PERIOD_US = 100_000;

let nextGroup = 0;

/** Null when cgroup v1's cpu controller can be written here, else why not (the caller skips with it). */
export function cpuQuotaUnavailable(): string | null {
  const probe = path.join(CPU_ROOT, `confer-bench-${process.pid}-probe`);
  try {
    fs.accessSync(path.join(CPU_ROOT, 'cgroup.procs'), fs.constants.W_OK);
    fs.mkdirSync(probe);
    fs.accessSync(path.join(probe, 'cpu.cfs_quota_us'), fs.constants.W_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return `cgroup v1 cpu controller at ${CPU_ROOT} is not writable (${code}; it needs root and a cgroup v1 cpu hierarchy)`;
  } finally {
    try {
      fs.rmdirSync(probe);
    } catch {
      // It was never created.
    }
  }
}

function moveToRoot(dir: string): void {
  // `tasks` lists every thread; a thread that is exiting cannot be moved (ESRCH, EINVAL), only waited for.
  const tids = fs.readFileSync(path.join(dir, 'tasks'), 'utf8').split('\n').filter(Boolean);
  for (const tid of tids) {
    try {
      fs.writeFileSync(path.join(CPU_ROOT, 'tasks'), tid);
    } catch {
      // Gone or going: rmdir waits for it below.
    }
  }
}

/**
 * Moves any thread left in `dir` back to the root group, then removes `dir`. A process killed a moment
 * ago keeps the group busy until it has exited, so removal is retried for up to 3 s (synchronously: this
 * also runs from signal handlers). Never throws.
 */
function removeGroup(dir: string): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; ; attempt++) {
    try {
      moveToRoot(dir);
      fs.rmdirSync(dir);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return;
      if (code !== 'EBUSY' || attempt >= 60) {
        process.stderr.write(`bench: could not remove cgroup ${dir}: ${String(error)}\n`);
        return;
      }
      Atomics.wait(pause, 0, 0, 50);
    }
  }
}

/**
 * Puts process `pid` (all its threads) in a new group limited to `percent` of one core. The group is
 * removed with the run's cleanup; the returned function removes it earlier (once the process is stopped).
 */
export function limitCpu(cleanup: Cleanup, pid: number, percent: number): () => void {
  const dir = path.join(CPU_ROOT, `confer-bench-${process.pid}-${nextGroup++}`);
  fs.mkdirSync(dir);
  const remove = cleanup.onExit(() => removeGroup(dir));
  try {
    fs.writeFileSync(path.join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
    fs.writeFileSync(path.join(dir, 'cpu.cfs_quota_us'), String(Math.round((PERIOD_US * percent) / 100)));
    fs.writeFileSync(path.join(dir, 'cgroup.procs'), String(pid));
  } catch (error) {
    remove();
    throw error;
  }
  return remove;
}

/** Removes groups a killed earlier run left behind (its pid is in the name and no longer alive). */
export function removeStaleGroups(): void {
  let names: string[];
  try {
    names = fs.readdirSync(CPU_ROOT);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^confer-bench-(\d+)-/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') removeGroup(path.join(CPU_ROOT, name));
    }
  }
}
