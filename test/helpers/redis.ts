/**
 * Redis for tests. Suites that need the machine's Redis use REDIS_URL (set by .ci/run); a test that
 * must restart Redis runs its own private redis-server on a Unix socket, so it never disturbs the
 * shared one other suites are using.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { tempDir } from './server.js';
import { waitFor } from './wait.js';

export interface PrivateRedis {
  /** What to pass as REDIS_URL (ioredis accepts a socket path). */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

async function answers(socketPath: string): Promise<boolean> {
  const client = new Redis(socketPath, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dir = tempDir('confer-redis-');
  const socketPath = path.join(dir, 'redis.sock');
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn('redis-server', ['--port', '0', '--unixsocket', socketPath, '--save', '', '--appendonly', 'no', '--dir', dir], {
      stdio: 'ignore',
    });
    await waitFor(() => answers(socketPath), { what: 'private redis answers', timeoutMs: 15_000, intervalMs: 50 });
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: socketPath,
    start,
    stop,
    dispose: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
