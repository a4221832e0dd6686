/** Health, metrics and the plain-HTTP edges of the collaboration endpoint. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAccessPolicy } from '../../server/collab/access.js';
import { connectClient } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ policy: openAccessPolicy() });
});
afterAll(async () => {
  await server?.dispose();
});

describe('health and metrics', () => {
  it('GET /healthz answers ok when storage answers', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('GET /metrics reports connections, rooms, updates and commit latency', async () => {
    const a = await connectClient(server.url, 'metrics');
    const b = await connectClient(server.url, 'metrics');
    a.text.insert(0, 'counted');
    await waitFor(() => b.text.toString() === 'counted', { what: 'relayed' });
    const text = await (await fetch(`${server.url}/metrics`)).text();
    a.destroy();
    b.destroy();
    expect(text).toMatch(/^confer_connections 2$/m);
    expect(text).toMatch(/^confer_rooms 1$/m);
    expect(text).toMatch(/^confer_updates_in_total [1-9]/m);
    expect(text).toMatch(/^confer_updates_out_total [1-9]/m);
    expect(text).toMatch(/^confer_commit_seconds_count [1-9]/m);
    expect(text).toContain('confer_nodejs_eventloop_lag_seconds');
  });

  it('a plain GET on the collaboration endpoint explains itself with 426', async () => {
    const res = await fetch(`${server.url}/collab/some-doc`);
    expect(res.status).toBe(426);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('upgrade_required');
  });
});
