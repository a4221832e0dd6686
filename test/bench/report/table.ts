/** The stdout table: one column per target, then Confer's ratio against each peer and the ceiling. */
import type { BenchResults } from '../results.js';
import { targetNames, type TargetName } from '../servers/targets.js';
import { buildRows, loadBound, type Cell, type Row } from './rows.js';
import { renderScaling } from './scaling.js';

/** Formats a figure with its unit. */
export function formatValue(value: number, unit: Row['unit']): string {
  // NaN (no samples) arrives as null from the load generator's IPC.
  if (typeof value !== 'number' || Number.isNaN(value)) return 'n/a';
  switch (unit) {
    case 'ms':
      return value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(value < 100 ? 1 : 0)} ms`;
    case '/s':
      return value >= 10_000 ? `${(value / 1000).toFixed(1)}k/s` : `${Math.round(value)}/s`;
    case 'KB':
      return `${value.toFixed(1)} KB`;
    case 'MB':
      return `${value.toFixed(0)} MB`;
    case 'pass':
      return value === 1 ? 'pass' : 'FAIL';
    case 'count':
      return value >= 100 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '');
  }
}

/** A cell as text: the figure, the load generator's CPU, "!" when it was the limit, and any note. */
export function formatCell(cell: Cell | undefined, unit: Row['unit']): string {
  if (!cell) return '-';
  let text = formatValue(cell.value, unit);
  if (cell.loadCpu !== undefined) text += ` [lg ${Math.round(cell.loadCpu * 100)}%${loadBound(cell) ? '!' : ''}]`;
  if (cell.note) text += ` (${cell.note})`;
  return text;
}

function ratio(row: Row, peer: TargetName): string {
  const mine = row.cells.confer?.value;
  const theirs = row.cells[peer]?.value;
  if (row.better === null || mine === undefined || theirs === undefined || !Number.isFinite(mine) || !Number.isFinite(theirs) || theirs === 0) return '';
  return `${(mine / theirs).toFixed(2)}x`;
}

export function renderTable(results: BenchResults): string {
  const rows = buildRows(results);
  const present = targetNames.filter((t) => rows.some((r) => r.cells[t]));
  const peers = present.filter((t) => t !== 'confer');
  const header = ['figure', ...present, ...(present.includes('confer') ? peers.map((p) => `confer/${p}`) : [])];
  const lines: string[][] = [];
  let section = '';
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      lines.push([`## ${section}`]);
    }
    lines.push([`  ${row.label}`, ...present.map((t) => formatCell(row.cells[t], row.unit)), ...(present.includes('confer') ? peers.map((p) => ratio(row, p)) : [])]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.filter((l) => l.length > 1).map((l) => (l[i] ?? '').length)));
  const fmt = (cols: string[]) => (cols.length === 1 ? (cols[0] ?? '') : cols.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
  const m = results.machine;
  return [
    `Machine: ${m.cpus} x ${m.model}, ${m.os}, Node ${m.node}; load average before ${m.loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${m.loadAfter.map((l) => l.toFixed(2)).join(' ')}; ${m.pinned ? 'server on core 0, load generator on core 1' : 'NOT pinned'}; fdatasync of the data dir p50 ${m.fsyncMs.p50.toFixed(2)} ms, p90 ${m.fsyncMs.p90.toFixed(2)} ms`,
    'Ratios are Confer / peer (below 1 is better for Confer on latency, time and memory; above 1 on throughput).',
    '[lg N%] = load generator CPU (% of its core) during that figure; "!" = the load generator, not the server, was the limit.',
    '',
    ...(lines.length > 0 ? [fmt(header), ...lines.map(fmt)] : []),
    ...(results.scaling ? ['', ...renderScaling(results.scaling)] : []),
  ].join('\n');
}
