/** Runs test/fixtures/server-process.ts as a child process, for crash and signal tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

const root = path.resolve(import.meta.dirname, '..', '..');

export async function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/fixtures/server-process.ts')], {
    cwd: root,
    // The test process may have DATABASE_URL/REDIS_URL (.ci/run exports them for the suites that use
    // them); a child server uses PostgreSQL or Redis only when the test asks for it in `env`.
    env: { ...process.env, DATABASE_URL: '', DATABASE_SCHEMA: '', REDIS_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = readline.createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('child server did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`child server exited early with ${code}`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
  });
  return { url, child, exited };
}
