/**
 * Measures event-loop stalls inside the server process. A late timer alone does not prove a stall on
 * a shared machine (the OS may simply not have scheduled us), so a stall counts only for the part of
 * the gap during which this process was actually burning CPU: min(wall gap, CPU time in the gap).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** What the meter has seen since the last reset. */
export interface StallReport {
  /** Longest gap between timer ticks that this process spent on CPU (a real stall), in ms. */
  busyStallMs: number;
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

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Starts sampling at once; stop() clears its timer and histogram. */
export function startStallMeter(): StallMeter {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let busyStall = 0;
  let lastWall = performance.now();
  let lastCpu = cpuMs();
  const timer = setInterval(() => {
    const wall = performance.now();
    const cpu = cpuMs();
    const gap = wall - lastWall - TICK_MS;
    busyStall = Math.max(busyStall, Math.min(gap, cpu - lastCpu));
    lastWall = wall;
    lastCpu = cpu;
  }, TICK_MS);
  timer.unref();
  return {
    report: () => ({
      busyStallMs: Math.round(busyStall * 10) / 10,
      rawMaxDelayMs: Math.round(histogram.max / 1e5) / 10,
      rawP99DelayMs: Math.round(histogram.percentile(99) / 1e5) / 10,
    }),
    reset: () => {
      busyStall = 0;
      histogram.reset();
    },
    stop: () => {
      clearInterval(timer);
      histogram.disable();
    },
  };
}
