/** `npm run chaos [-- --cycles 50 --docs 3 --writers 3]`: prints the figures as JSON; exits 1 on any loss. */
import { parseArgs } from 'node:util';
import { runChaos } from './chaos.js';

const { values } = parseArgs({
  options: { cycles: { type: 'string', default: '50' }, docs: { type: 'string', default: '3' }, writers: { type: 'string', default: '3' } },
});
const started = performance.now();
const report = await runChaos({
  cycles: Number(values.cycles),
  docs: Number(values.docs),
  writersPerDoc: Number(values.writers),
  log: (line) => console.error(line),
});
const ok = report.cyclesSurvived === Number(values.cycles) && report.updatesLost === 0 && report.documentsWithLoss === 0 && report.cyclesNotConverged === 0;
console.log(JSON.stringify({ ok, ...report, seconds: Math.round((performance.now() - started) / 1000) }, null, 2));
process.exit(ok ? 0 : 1);
