/** Small helpers for the load generator: bounded-concurrency connects and deadline polling. */
import type { BenchClient } from './client.js';

/** Connects clients, `concurrency` handshakes at a time (a thundering herd is the storm test's job). */
export async function connectAll(clients: readonly BenchClient[], concurrency = 64): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < clients.length) {
      const client = clients[next++];
      if (client) await withTimeout(client.connect(), 15_000, 'client connect');
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, clients.length) }, worker));
}

/** Rejects if `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `check` every 10 ms; resolves true when it holds, false when `ms` pass first. */
export async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}
