/** Convergence over real sockets with stock y-websocket clients. */
import { describe, expect, it } from 'vitest';
import type { TestClient } from '../helpers/clients.js';
import { waitFor } from '../helpers/wait.js';
import { useRelayFixture } from './relay-fixture.js';

const relay = useRelayFixture();

function randomEdit(client: TestClient, rng: () => number): void {
  const len = client.text.length;
  if (len > 0 && rng() < 0.3) {
    const at = Math.floor(rng() * len);
    client.text.delete(at, Math.min(len - at, 1 + Math.floor(rng() * 3)));
  } else {
    client.text.insert(Math.floor(rng() * (len + 1)), String.fromCharCode(97 + Math.floor(rng() * 26)));
  }
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe('relay convergence', () => {
  it.each([2, 20])('%i clients making random concurrent edits converge, and a late joiner gets everything', async (n) => {
    const server = await relay.start();
    const clients: TestClient[] = [];
    for (let i = 0; i < n; i++) clients.push(await relay.client(server, 'converge'));
    const rng = seeded(n);
    for (let round = 0; round < 20; round++) {
      for (const c of clients) randomEdit(c, rng);
    }
    const first = clients[0];
    if (!first) throw new Error('no clients');
    await waitFor(() => clients.every((c) => c.text.toString() === first.text.toString()), { what: 'convergence' });
    const late = await relay.client(server, 'converge');
    await waitFor(() => late.text.toString() === first.text.toString(), { what: 'late joiner' });
    expect(late.text.toString().length).toBeGreaterThan(0);
    expect(server.hub.registry.peek('converge')?.doc.getText('t').toString()).toBe(first.text.toString());
  });
});
