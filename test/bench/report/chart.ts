/**
 * A dependency-free SVG: one panel per fan-out configuration (p50/p95/p99 latency per target) and one
 * for saturation throughput per target. Each panel has its own linear scale, labelled with the values.
 */
import type { BenchResults } from '../results.js';
import { targetNames } from '../servers/targets.js';

interface Bar {
  label: string;
  value: number;
  color: string;
}

interface Panel {
  title: string;
  unit: string;
  /** A target, or a column of the scaling workload ("2 nodes"). */
  groups: Array<{ target: string; bars: Bar[] }>;
}

const WIDTH = 860;
const PANEL_HEIGHT = 230;
const COLORS = { p50: '#4363d8', p95: '#f58231', p99: '#e6194b', rate: '#3cb44b' };

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function panels(results: BenchResults): Panel[] {
  const out: Panel[] = [];
  for (const { config, targets } of results.fanout) {
    const groups = targetNames.flatMap((target) => {
      const o = targets[target];
      if (!o?.ok) return [];
      const l = o.value.latency;
      return [{ target, bars: [
        { label: 'p50', value: l.p50, color: COLORS.p50 },
        { label: 'p95', value: l.p95, color: COLORS.p95 },
        { label: 'p99', value: l.p99, color: COLORS.p99 },
      ] }];
    });
    out.push({ title: `Fan-out latency: ${config.label}`, unit: 'ms', groups });
  }
  const sat = targetNames.flatMap((target) => {
    const o = results.saturation[target];
    return o?.ok ? [{ target, bars: [{ label: 'updates/s', value: o.value.best, color: COLORS.rate }] }] : [];
  });
  if (sat.length > 0) out.push({ title: 'Saturation: highest delivered updates/s with p99 <= 50 ms', unit: '/s', groups: sat });
  const scaling = (results.scaling?.runs ?? []).flatMap((run) => {
    const l = run.ladder;
    return l?.ok ? [{ target: run.label, bars: [
      { label: 'p99<=50ms', value: l.value.best, color: COLORS.rate },
      { label: 'p50<=250ms', value: l.value.sustained, color: COLORS.p95 },
    ] }] : [];
  });
  if (scaling.length > 0) out.push({ title: 'Scaling across nodes (PostgreSQL + Redis): highest delivered updates/s', unit: '/s', groups: scaling });
  return out;
}

function drawPanel(panel: Panel, top: number): string {
  const parts: string[] = [];
  const left = 60;
  const plotTop = top + 30;
  const plotHeight = PANEL_HEIGHT - 70;
  const max = Math.max(1e-9, ...panel.groups.flatMap((g) => g.bars.map((b) => (Number.isFinite(b.value) ? b.value : 0))));
  parts.push(`<text x="${left}" y="${top + 18}" font-size="14" font-weight="bold">${escape(panel.title)}</text>`);
  parts.push(`<line x1="${left}" y1="${plotTop + plotHeight}" x2="${WIDTH - 20}" y2="${plotTop + plotHeight}" stroke="#333"/>`);
  const groupWidth = (WIDTH - left - 20) / Math.max(1, panel.groups.length);
  panel.groups.forEach((group, gi) => {
    const barWidth = Math.min(40, (groupWidth - 30) / group.bars.length);
    const x0 = left + gi * groupWidth + (groupWidth - barWidth * group.bars.length) / 2;
    group.bars.forEach((bar, bi) => {
      const value = Number.isFinite(bar.value) ? bar.value : 0;
      const h = (value / max) * plotHeight;
      const x = x0 + bi * barWidth;
      const y = plotTop + plotHeight - h;
      const text = panel.unit === 'ms' ? value.toFixed(value < 10 ? 2 : 1) : `${(value / 1000).toFixed(1)}k`;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(barWidth - 4).toFixed(1)}" height="${h.toFixed(1)}" fill="${bar.color}"><title>${group.target} ${bar.label}: ${text} ${panel.unit}</title></rect>`);
      parts.push(`<text x="${(x + (barWidth - 4) / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" font-size="10" text-anchor="middle">${text}</text>`);
    });
    parts.push(`<text x="${(left + gi * groupWidth + groupWidth / 2).toFixed(1)}" y="${plotTop + plotHeight + 16}" font-size="12" text-anchor="middle">${group.target}</text>`);
  });
  const legend = panel.groups[0]?.bars ?? [];
  legend.forEach((bar, i) => {
    const x = WIDTH - 200 + i * 60;
    parts.push(`<rect x="${x}" y="${top + 8}" width="10" height="10" fill="${bar.color}"/><text x="${x + 14}" y="${top + 17}" font-size="11">${escape(bar.label)}</text>`);
  });
  return parts.join('\n');
}

/** The chart as an SVG document. */
export function renderChart(results: BenchResults): string {
  const list = panels(results);
  const height = Math.max(60, list.length * PANEL_HEIGHT + 40);
  const body = list.map((p, i) => drawPanel(p, 30 + i * PANEL_HEIGHT)).join('\n');
  const m = results.machine;
  const caption = `Confer vs Hocuspocus vs y-websocket-server vs raw ws; ${m.cpus} x ${m.model}; ${results.command}; ${results.startedAt}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="20" y="20" font-size="11" fill="#555">${escape(caption)}</text>`,
    body,
    '</svg>',
    '',
  ].join('\n');
}
