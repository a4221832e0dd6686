/** Starts fixtures/probe-server.ts as a child process and asks it for measurements over IPC. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { StallReport } from './stall-meter.js';

/** The server's own view of itself. */
export interface ProbeStats extends StallReport {
  rssBytes: number;
  heapUsedBytes: number;
  rooms: number;
  connections: number;
}

/** What a document loaded from the server's storage holds (or why it could not be loaded). */
export interface ReloadedDocument {
  stateVector?: string;
  text?: string;
  map?: unknown;
  array?: unknown;
  error?: string;
}

export interface ProbeChild {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stats(): Promise<ProbeStats>;
  /** The document as the server would load it from storage now (for the differential check). */
  reload(docId: string): Promise<ReloadedDocument>;
  /** Clears the stall figures (e.g. after start-up, which is allowed to be slow). */
  resetStalls(): Promise<void>;
  /** kill -9 and wait for the process to be gone. */
  kill(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '..', '..');

function ask<T>(child: ChildProcess, question: string | Record<string, unknown>, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`probe server did not answer ${JSON.stringify(question)}`)), 30_000);
    const onMessage = (message: unknown) => {
      if (typeof message === 'object' && message !== null && key in message) {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve((message as Record<string, T>)[key] as T);
      }
    };
    child.on('message', onMessage);
    child.send(question);
  });
}

/** Spawns the probe server with `env` added (DATA_DIR at least); resolves once it listens. */
export async function startProbeChild(env: Record<string, string>): Promise<ProbeChild> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(root, 'test/tools/fixtures/probe-server.ts')], {
    cwd: root,
    // Never inherit the test process's PostgreSQL/Redis: a probe server uses them only when asked.
    env: { ...process.env, DATABASE_URL: '', DATABASE_SCHEMA: '', REDIS_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = readline.createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('probe server did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`probe server exited early with ${code}`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
  });
  return {
    url,
    child,
    exited,
    stats: () => ask<ProbeStats>(child, 'stats', 'stats'),
    reload: (docId) => ask<ReloadedDocument>(child, { reload: docId }, 'reloaded'),
    resetStalls: async () => {
      await ask<boolean>(child, 'reset', 'reset');
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
