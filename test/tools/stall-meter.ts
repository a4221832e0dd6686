/**
 * Measures event-loop stalls inside the server process. A late timer alone does not prove a stall on
 * a shared machine (the OS may simply not have scheduled us), so a stall counts only for the part of
 * the gap during which the event-loop thread was actually burning CPU: min(wall gap, CPU time in the
 * gap). The CPU time is the main thread's own, read from Linux's /proc/<pid>/task/<pid>/schedstat (ns):
 * the process-wide figure (process.cpuUsage) also counts the SQLite writer thread and V8's helper
 * threads, so a descheduled main thread looked "busy" while another thread ran. Where /proc is
 * missing, the process-wide figure is used for both.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** What the meter has seen since the last reset. */
export interface StallReport {
  /** Longest gap between timer ticks that the event-loop thread spent on CPU (a real stall), in ms. */
  busyStallMs: number;
  /** The same with the whole process's CPU time (counts other threads too: an upper bound), in ms. */
  processBusyStallMs: number;
  /** When the longest busy stall ended, on the monotonic clock V8's CPU profiles use (µs). */
  busyStallEndedAtUs: number;
  /** Longest raw event-loop delay (includes time the OS did not schedule us), in ms. */
  rawMaxDelayMs: number;
  /** 99th percentile of the raw event-loop delay, in ms. */
  rawP99DelayMs: number;
}

export interface StallMeter {
  report(): StallReport;
  reset(): void;
  stop(): void;
}

const TICK_MS = 5;
const MAIN_THREAD_SCHEDSTAT = `/proc/${process.pid}/task/${process.pid}/schedstat`;

function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** CPU time of the main (event-loop) thread in ms, or null where Linux's schedstat is not available. */
function mainThreadCpuMs(): number | null {
  try {
    return Number(fs.readFileSync(MAIN_THREAD_SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Starts sampling at once; stop() clears its timer and histogram. */
export function startStallMeter(): StallMeter {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let busyStall = 0;
  let busyStallEndedAtUs = 0;
  let processBusyStall = 0;
  let lastWall = performance.now();
  let lastProcessCpu = processCpuMs();
  let lastThreadCpu = mainThreadCpuMs();
  const timer = setInterval(() => {
    const wall = performance.now();
    const processCpu = processCpuMs();
    const threadCpu = mainThreadCpuMs();
    const gap = wall - lastWall - TICK_MS;
    const processBusy = Math.min(gap, processCpu - lastProcessCpu);
    processBusyStall = Math.max(processBusyStall, processBusy);
    const busy = threadCpu !== null && lastThreadCpu !== null ? Math.min(gap, threadCpu - lastThreadCpu) : processBusy;
    if (busy > busyStall) {
      busyStall = busy;
      busyStallEndedAtUs = Number(process.hrtime.bigint() / 1000n);
    }
    lastWall = wall;
    lastProcessCpu = processCpu;
    lastThreadCpu = threadCpu;
  }, TICK_MS);
  timer.unref();
  return {
    report: () => ({
      busyStallMs: round(busyStall),
      processBusyStallMs: round(processBusyStall),
      busyStallEndedAtUs,
      rawMaxDelayMs: Math.round(histogram.max / 1e5) / 10,
      rawP99DelayMs: Math.round(histogram.percentile(99) / 1e5) / 10,
    }),
    reset: () => {
      busyStall = 0;
      busyStallEndedAtUs = 0;
      processBusyStall = 0;
      histogram.reset();
    },
    stop: () => {
      clearInterval(timer);
      histogram.disable();
    },
  };
}
