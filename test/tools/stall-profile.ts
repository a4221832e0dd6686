/**
 * `tsx test/tools/stall-profile.ts <file.cpuprofile> [top] [endedAtUs windowMs]`: prints where the
 * time of a stretch of a V8 CPU profile went, by self time and by the functions on the stack. Without
 * `endedAtUs`, the stretch is the longest run of busy samples (the event loop never went idle); with
 * it (the stall meter's `busyStallEndedAtUs`), the `windowMs` before that moment.
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, endedAtArg, windowArg] = process.argv.slice(2);
if (!file) throw new Error('usage: stall-profile <file.cpuprofile> [top]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
const idle = (id: number) => byId.get(id)!.callFrame.functionName === '(idle)';

let best = { start: 0, end: 0, ms: 0 };
let runStart = -1;
let runMs = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const delta = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  if (idle(profile.samples[i]!)) {
    runStart = -1;
    continue;
  }
  if (runStart < 0) {
    runStart = i;
    runMs = 0;
  }
  runMs += delta;
  if (runMs > best.ms) best = { start: runStart, end: i, ms: runMs };
}
if (endedAtArg) {
  const end = Number(endedAtArg);
  const start = end - Number(windowArg ?? 100) * 1000;
  let at = profile.startTime;
  best = { start: -1, end: -1, ms: 0 };
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at < start || at > end) continue;
    if (best.start < 0) best.start = i;
    best.end = i;
    best.ms += (profile.timeDeltas[i + 1] ?? 0) / 1000;
  }
  if (best.start < 0) throw new Error(`no samples between ${start} and ${end} (profile ${profile.startTime}..${at})`);
  console.log(`the ${windowArg ?? 100} ms before ${end}: ${best.ms.toFixed(1)} ms sampled`);
} else {
  console.log(`longest busy stretch: ${best.ms.toFixed(1)} ms (${best.end - best.start + 1} samples)`);
}
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (let i = best.start; i <= best.end; i++) {
  const delta = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  let id: number | undefined = profile.samples[i]!;
  const leaf = byId.get(id)!;
  self.set(label(leaf), (self.get(label(leaf)) ?? 0) + delta);
  const seen = new Set<string>();
  while (id !== undefined) {
    const name = label(byId.get(id)!);
    if (!seen.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + delta);
    seen.add(name);
    id = parent.get(id);
  }
}
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
};
print('self time', self);
print('on the stack', inclusive);
