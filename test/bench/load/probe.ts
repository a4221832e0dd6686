/**
 * CPU and memory of another process, read from /proc (Linux), so the server under test needs no
 * instrumentation of its own. CPU is reported as a fraction of one core over the measured window.
 */
import fs from 'node:fs';

// Kernel clock ticks per second (`getconf CLK_TCK`); 100 on every mainstream Linux build.
const TICKS_PER_SECOND = 100;

function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** What a window of work cost a process (the server) and this process (the load generator). */
export interface Usage {
  serverCpu: number;
  serverPeakRss: number;
  loadCpu: number;
}

/** Samples the server's RSS every 100 ms between start() and stop(). */
export class ProcessProbe {
  private startCpu = 0;
  private startSelf = process.cpuUsage();
  private startAt = 0;
  private peakRss = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly pid: number) {}

  start(): void {
    this.startCpu = cpuSeconds(this.pid);
    this.startSelf = process.cpuUsage();
    this.startAt = performance.now();
    this.peakRss = rssBytes(this.pid);
    this.timer = setInterval(() => {
      this.peakRss = Math.max(this.peakRss, rssBytes(this.pid));
    }, 100);
  }

  stop(): Usage {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const seconds = (performance.now() - this.startAt) / 1000;
    const self = process.cpuUsage(this.startSelf);
    this.peakRss = Math.max(this.peakRss, rssBytes(this.pid));
    return {
      serverCpu: (cpuSeconds(this.pid) - this.startCpu) / seconds,
      serverPeakRss: this.peakRss,
      loadCpu: (self.user + self.system) / 1e6 / seconds,
    };
  }
}

/** Busy jiffies and all jiffies of the whole machine, from the first line of /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((sum, t) => sum + t, 0);
  // idle and iowait are fields 4 and 5 of the cpu line.
  return { busy: total - (ticks[3] ?? 0) - (ticks[4] ?? 0), total };
}

/** Cores busy machine-wide between start() and stop(): shows how much of the machine others took. */
export class MachineProbe {
  private startTicks = machineTicks();
  private startAt = 0;

  start(): void {
    this.startTicks = machineTicks();
    this.startAt = performance.now();
  }

  /** Busy cores on average (0 .. number of cores). */
  stop(): number {
    const seconds = (performance.now() - this.startAt) / 1000;
    const now = machineTicks();
    return (now.busy - this.startTicks.busy) / TICKS_PER_SECOND / seconds;
  }
}
