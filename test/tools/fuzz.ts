/**
 * `npm run fuzz [-- --frames 100000 --seed N --lanes 4 --batch 1000]`: the full protocol fuzzing
 * campaign, with a random seed unless one is given. Prints the figures as JSON and exits 1 if any check
 * failed (the differential check after every batch included).
 */
import { parseArgs } from 'node:util';
import { runFuzzCampaign } from './fuzz-campaign.js';

const { values } = parseArgs({
  options: { frames: { type: 'string', default: '100000' }, seed: { type: 'string' }, lanes: { type: 'string', default: '4' }, batch: { type: 'string', default: '1000' } },
});
const seed = Number(values.seed ?? Date.now() % 2 ** 31);
const report = await runFuzzCampaign({ frames: Number(values.frames), seed, lanes: Number(values.lanes), batchFrames: Number(values.batch) });
const ok =
  report.failures.length === 0 &&
  report.processed === Number(values.frames) &&
  report.serverAlive &&
  report.server.busyStallMs < 50 &&
  report.bystandersUnchanged &&
  report.honestClientsConsistent &&
  report.disagreements.length === 0;
console.log(JSON.stringify({ ok, ...report, failures: report.failures.slice(0, 20), disagreements: report.disagreements.slice(0, 5) }, null, 2));
process.exit(ok ? 0 : 1);
