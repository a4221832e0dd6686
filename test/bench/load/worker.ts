/**
 * Child-process entry for the load generator. Runs on its own core, receives jobs from the orchestrator
 * over IPC and answers each one; keeps sessions (open rooms, storm clients) between jobs. Exits when the
 * orchestrator goes away.
 */
import { ConcurrentSession } from './concurrent.js';
import { runFanout } from './fanout.js';
import type { Job, JobRequest, JobResponse } from './jobs.js';
import { LargeDocSession } from './large-doc.js';
import { MemorySession } from './memory.js';
import { StormSession } from './storm.js';
import { SuggestTypingSession } from './suggest-typing.js';
import { TraceLibrary } from './trace.js';

const traces = new TraceLibrary();
const memory = new MemorySession();
const large = new LargeDocSession(traces);
const storm = new StormSession();
const concurrent = new ConcurrentSession(traces);
const suggestTyping = new SuggestTypingSession();

async function perform(job: Job): Promise<unknown> {
  switch (job.op) {
    case 'fanout':
      return runFanout([job.target], job.spec, traces);
    case 'fanout-across':
      return runFanout(job.targets, job.spec, traces);
    case 'memory-open':
      return memory.open(job.target, job.open);
    case 'memory-extra':
      return memory.extra(job.target, job.prefix);
    case 'close-all':
      memory.closeAll();
      storm.closeAll();
      large.closeAll();
      return null;
    case 'large-load':
      return large.load(job.target, job.updates);
    case 'large-join':
      return large.join(job.target);
    case 'storm-connect':
      return storm.connect(job.target, job.clients, job.docs);
    case 'storm-arm':
      return storm.arm();
    case 'storm-drop':
      return storm.drop();
    case 'storm-wait':
      return storm.wait(job.timeoutMs);
    case 'concurrent':
      return concurrent.run(job.target, job.batch, job.rate, job.txns);
    case 'suggest-typing':
      return suggestTyping.run(job.target, job.role, job.keystrokes);
  }
}

process.on('message', (request: JobRequest) => {
  perform(request.job).then(
    (result) => process.send?.({ id: request.id, ok: true, result } satisfies JobResponse),
    (error: unknown) =>
      process.send?.({ id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies JobResponse),
  );
});
process.on('disconnect', () => process.exit(0));
// A benchmark socket that dies mid-run must not take the load generator down with it.
process.on('uncaughtException', (error) => process.stderr.write(`load generator: ${error.stack ?? error.message}\n`));
process.send?.({ id: 0, ok: true, result: 'ready' } satisfies JobResponse);
