/**
 * Flattens BenchResults into rows of figures per target, each with the load generator's CPU, shared by
 * the stdout table and the README figures.
 */
import type { FanoutResult } from '../load/jobs.js';
import type { BenchResults, Outcome, PerTarget } from '../results.js';
import { targetNames, type TargetName } from '../servers/targets.js';

/** One figure for one target. `loadCpu` and `serverCpu` are fractions of one core, when measured. */
export interface Cell {
  value: number;
  loadCpu?: number;
  serverCpu?: number;
  note?: string;
}

export interface Row {
  section: string;
  label: string;
  unit: 'ms' | '/s' | 'KB' | 'MB' | 'count' | 'pass';
  /** Which way is better, for reading the ratios; null for counts. */
  better: 'lower' | 'higher' | null;
  cells: Partial<Record<TargetName, Cell>>;
}

/** True when the load generator, not the server, was the limit: its core busy and the server's not. */
export function loadBound(cell: Cell): boolean {
  return (cell.loadCpu ?? 0) >= 0.9 && (cell.serverCpu ?? 0) < 0.9;
}

function each<T>(per: PerTarget<T>, pick: (value: T) => Cell | null): Row['cells'] {
  const cells: Row['cells'] = {};
  for (const name of targetNames) {
    const outcome: Outcome<T> | undefined = per[name];
    if (!outcome) continue;
    if (!outcome.ok) cells[name] = { value: NaN, note: 'failed' };
    else {
      const cell = pick(outcome.value);
      if (cell) cells[name] = cell;
    }
  }
  return cells;
}

function fan(r: FanoutResult, value: number): Cell {
  const note = r.undelivered > 0 ? `${r.undelivered} undelivered` : r.converged ? undefined : 'not converged';
  return { value, loadCpu: r.usage.loadCpu, serverCpu: r.usage.serverCpu, ...(note ? { note } : {}) };
}

export function buildRows(results: BenchResults): Row[] {
  const rows: Row[] = [];
  for (const { config, targets } of results.fanout) {
    const section = `Fan-out: ${config.label}`;
    rows.push({ section, label: 'p50 latency', unit: 'ms', better: 'lower', cells: each(targets, (r) => fan(r, r.latency.p50)) });
    rows.push({ section, label: 'p95 latency', unit: 'ms', better: 'lower', cells: each(targets, (r) => fan(r, r.latency.p95)) });
    rows.push({ section, label: 'p99 latency', unit: 'ms', better: 'lower', cells: each(targets, (r) => fan(r, r.latency.p99)) });
    rows.push({ section, label: 'max latency', unit: 'ms', better: 'lower', cells: each(targets, (r) => fan(r, r.latency.max)) });
    rows.push({ section, label: 'delivered updates', unit: '/s', better: 'higher', cells: each(targets, (r) => fan(r, r.deliveredPerSecond)) });
    rows.push({ section, label: 'undelivered edits', unit: 'count', better: null, cells: each(targets, (r) => fan(r, r.undelivered)) });
    rows.push({ section, label: 'server CPU (% of a core)', unit: 'count', better: 'lower', cells: each(targets, (r) => fan(r, r.usage.serverCpu * 100)) });
    rows.push({ section, label: 'server peak RSS', unit: 'MB', better: 'lower', cells: each(targets, (r) => fan(r, r.usage.serverPeakRss / 2 ** 20)) });
  }
  if (Object.keys(results.saturation).length > 0) {
    rows.push({
      section: 'Saturation (p99 <= 50 ms, nothing undelivered)',
      label: 'highest delivered updates',
      unit: '/s',
      better: 'higher',
      cells: each(results.saturation, (s) => {
        const step = s.bestStep;
        const failed = s.failedStep ? `failed at ${s.failedStep.spec.rate} keys/s` : 'never failed (limit of the ladder)';
        return { value: s.best, ...(step ? { loadCpu: step.usage.loadCpu, serverCpu: step.usage.serverCpu } : {}), note: failed };
      }),
    });
  }
  for (const { rooms, targets } of results.memory) {
    const section = `Memory at ${rooms} idle rooms`;
    rows.push({ section, label: 'idle server RSS (no client yet)', unit: 'MB', better: 'lower', cells: each(targets, (m) => ({ value: m.idle.rss / 2 ** 20 })) });
    rows.push({ section, label: 'RSS per room (one client)', unit: 'KB', better: 'lower', cells: each(targets, (m) => ({ value: m.rssPerRoom / 1024 })) });
    rows.push({ section, label: 'RSS per extra connection', unit: 'KB', better: 'lower', cells: each(targets, (m) => ({ value: m.rssPerConnection / 1024 })) });
    rows.push({ section, label: 'JS heap per room', unit: 'KB', better: 'lower', cells: each(targets, (m) => ({ value: m.heapPerRoom / 1024 })) });
    rows.push({ section, label: 'JS heap per extra connection', unit: 'KB', better: 'lower', cells: each(targets, (m) => ({ value: m.heapPerConnection / 1024 })) });
  }
  if (Object.keys(results.large).length > 0) {
    const section = 'Large document (automerge-paper, 259,778 edits)';
    const correct = (ok: boolean) => (ok ? {} : { note: 'WRONG CONTENT' });
    rows.push({ section, label: 'warm join, fully synced (median)', unit: 'ms', better: 'lower', cells: each(results.large, (l) => ({ value: l.warmMedian, ...correct(l.warm.every((j) => j.correct)) })) });
    rows.push({ section, label: 'cold open from storage + join', unit: 'ms', better: 'lower', cells: each(results.large, (l) => (l.cold ? { value: l.cold.ms, ...correct(l.cold.correct) } : null)) });
  }
  if (Object.keys(results.storm).length > 0) {
    const section = 'Reconnect storm';
    const missing = (n: number) => (n > 0 ? { note: `${n} never resynced` } : {});
    rows.push({ section, label: 'all clients dropped: all synced again', unit: 'ms', better: 'lower', cells: each(results.storm, (s) => ({ value: s.blipMs, loadCpu: s.blip.loadCpu, ...missing(s.blip.missing) })) });
    rows.push({ section, label: 'server restart: all synced, from stop', unit: 'ms', better: 'lower', cells: each(results.storm, (s) => (s.restart && s.restartMs !== null ? { value: s.restartMs, loadCpu: s.restart.loadCpu, ...missing(s.restart.missing) } : null)) });
    rows.push({ section, label: 'server restart: from new process ready', unit: 'ms', better: 'lower', cells: each(results.storm, (s) => (s.restartFromReadyMs !== null ? { value: s.restartFromReadyMs } : null)) });
  }
  if (Object.keys(results.concurrent).length > 0) {
    const section = 'Concurrent trace (friendsforever, two writers)';
    rows.push({
      section,
      label: 'final text == endContent',
      unit: 'pass',
      better: null,
      cells: each(results.concurrent, (c) => ({ value: c.writersCorrect && c.joinerCorrect !== false ? 1 : 0 })),
    });
    rows.push({ section, label: 'replay time (paced)', unit: 'ms', better: 'lower', cells: each(results.concurrent, (c) => ({ value: c.ms })) });
  }
  if (results.suggest && Object.keys(results.suggest).length > 0) {
    const section = 'Typing into a 50-page document, 40 keys/s, an editor watching';
    const missing = (r: { keystrokes: number; delivered: number }) => (r.delivered < r.keystrokes ? { note: `${r.keystrokes - r.delivered} refused or lost` } : {});
    for (const role of ['editor', 'commenter'] as const) {
      const label = role === 'editor' ? 'editor typing' : 'commenter typing (suggestions, guarded)';
      rows.push({ section, label: `${label}: p50`, unit: 'ms', better: 'lower', cells: each(results.suggest, (s) => ({ value: s[role].latency.p50, serverCpu: s[role].usage.serverCpu, loadCpu: s[role].usage.loadCpu, ...missing(s[role]) })) });
      rows.push({ section, label: `${label}: p99`, unit: 'ms', better: 'lower', cells: each(results.suggest, (s) => ({ value: s[role].latency.p99 })) });
      rows.push({ section, label: `${label}: server CPU per key`, unit: 'ms', better: 'lower', cells: each(results.suggest, (s) => ({ value: s[role].serverCpuMsPerKey })) });
    }
  }
  return rows;
}
