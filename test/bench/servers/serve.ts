/**
 * Child-process entry for one server under test: `serve.ts <target>` with PORT and DATA_DIR in the
 * environment. Talks to the orchestrator over IPC: sends `ready` with the port, answers `gc` with memory
 * figures, and exits on `stop`, SIGTERM, or when the orchestrator goes away (so nothing is orphaned).
 */
import { isServerName, startTarget } from './targets.js';

/** Messages this child sends to the orchestrator. */
export type ServerReport =
  | { type: 'ready'; port: number; pid: number }
  | { type: 'memory'; rss: number; heapUsed: number; external: number; arrayBuffers: number }
  | { type: 'error'; message: string };

/** Messages the orchestrator sends to this child. */
export type ServerCommand = { type: 'gc' } | { type: 'stop' };

function send(report: ServerReport): void {
  process.send?.(report);
}

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  if (!isServerName(name)) throw new Error(`unknown server "${name}"`);
  const target = await startTarget(name, { port: Number(process.env.PORT ?? 0), dataDir: process.env.DATA_DIR ?? '' });
  let stopping: Promise<void> | null = null;
  const stop = () => {
    // A stop that hangs must not hold the run: exit anyway after two seconds.
    setTimeout(() => process.exit(0), 2_000).unref();
    stopping ??= target.stop().finally(() => process.exit(0));
  };
  process.on('message', (message: ServerCommand) => {
    if (message.type === 'stop') return stop();
    if (message.type === 'gc') {
      const collect = (globalThis as { gc?: () => void }).gc;
      collect?.();
      collect?.();
      const m = process.memoryUsage();
      send({ type: 'memory', rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers });
    }
  });
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  send({ type: 'ready', port: target.port, pid: process.pid });
}

main().catch((error: unknown) => {
  send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
