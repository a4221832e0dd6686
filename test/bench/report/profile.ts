/**
 * Top frames of a V8 .cpuprofile (from `npm run bench -- --profile`), by self time and by inclusive time.
 * Usage: `npx tsx test/bench/report/profile.ts bench-results/profiles/<file>.cpuprofile [count]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One function's share of the samples. */
export interface FrameShare {
  frame: string;
  selfPercent: number;
  totalPercent: number;
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url ? url.replace(/^file:\/\//, '').replace(/.*node_modules\//, '').replace(/.*\/work\/main\//, '') : '';
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
}

/** Self and inclusive time per function, sorted by self time; idle and GC stay visible as their own rows. */
export function topFrames(profile: CpuProfile): FrameShare[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node) return;
    self.set(frameName(node), (self.get(frameName(node)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (!n) break;
      const name = frameName(n);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + dt);
    }
  });
  const all = profile.timeDeltas.reduce((a, b) => a + b, 0) || 1;
  return [...total.keys()]
    .map((frame) => ({ frame, selfPercent: ((self.get(frame) ?? 0) / all) * 100, totalPercent: ((total.get(frame) ?? 0) / all) * 100 }))
    .sort((a, b) => b.selfPercent - a.selfPercent);
}

/** Text report: the top `count` frames by self time, then by inclusive time (excluding the roots). */
export function describeProfile(file: string, count = 25): string {
  const frames = topFrames(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile);
  const line = (f: FrameShare) => `${f.selfPercent.toFixed(1).padStart(5)}% self ${f.totalPercent.toFixed(1).padStart(5)}% total  ${f.frame}`;
  const inclusive = [...frames].filter((f) => !/^\(root\)|^\(program\)|^\(idle\)/.test(f.frame)).sort((a, b) => b.totalPercent - a.totalPercent);
  return [`${path.basename(file)}: by self time`, ...frames.slice(0, count).map(line), '', 'by inclusive time', ...inclusive.slice(0, count).map(line)].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: profile.ts <file.cpuprofile> [count]');
  process.stdout.write(`${describeProfile(file, Number(process.argv[3] ?? 25))}\n`);
}
