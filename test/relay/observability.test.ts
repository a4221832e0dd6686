/** Health, metrics and the plain-HTTP edges of the collaboration endpoint. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

const others: TestServer[] = [];
afterEach(async () => {
  for (const s of others.splice(0)) await s.dispose();
});

async function startWith(env: Record<string, string>): Promise<TestServer> {
  const s = await startTestServer({ policy: openAccessPolicy(), env });
  others.push(s);
  return s;
}

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

describe('who may read /metrics', () => {
  const token = 'scrape-token-0123456789abcdef';
  // Every request in these tests arrives from loopback, so listing only this range makes it "elsewhere".
  const elsewhereOnly = '203.0.113.0/24';

  async function get(s: TestServer, path: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${s.url}${path}`, { headers });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  it('from an address not listed: 403 without METRICS_TOKEN configured, /healthz still 200', async () => {
    const s = await startWith({ METRICS_ALLOW: elsewhereOnly });
    const res = await get(s, '/metrics');
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text)).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    expect(res.text).not.toContain('confer_');
    expect((await get(s, '/healthz')).status).toBe(200);
  });

  it('with METRICS_TOKEN: 401 and a Bearer challenge without it or with a wrong one, 200 with it', async () => {
    const s = await startWith({ METRICS_ALLOW: elsewhereOnly, METRICS_TOKEN: token });
    const none = await get(s, '/metrics');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(none.text).not.toContain('confer_');
    expect((await get(s, '/metrics', { authorization: `Bearer ${token}x` })).status).toBe(401);
    expect((await get(s, '/metrics', { authorization: `Bearer ${token.slice(0, -1)}` })).status).toBe(401);
    expect((await get(s, '/metrics', { authorization: `Basic ${token}` })).status).toBe(401);
    const ok = await get(s, '/metrics', { authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(ok.text).toMatch(/^confer_connections \d+$/m);
    expect((await get(s, '/healthz')).status).toBe(200);
  });

  it('behind a trusted proxy, the forwarded client address decides', async () => {
    const s = await startWith({ METRICS_ALLOW: elsewhereOnly, TRUSTED_PROXIES: 'loopback' });
    expect((await get(s, '/metrics', { 'x-forwarded-for': '203.0.113.7' })).status).toBe(200);
    expect((await get(s, '/metrics', { 'x-forwarded-for': '198.51.100.1' })).status).toBe(403);
  });

  it('by default only loopback is listed, and a proxy on loopback does not make its visitors loopback', async () => {
    // The default setup (HOST=127.0.0.1) is meant to sit behind a reverse proxy on the same host.
    const direct = await startWith({});
    expect((await get(direct, '/metrics')).status).toBe(200);
    expect((await get(direct, '/metrics', { 'x-forwarded-for': '198.51.100.1' })).status).toBe(403);
    expect((await get(direct, '/metrics', { 'x-real-ip': '198.51.100.1' })).status).toBe(403);
    expect((await get(direct, '/metrics', { forwarded: 'for=198.51.100.1' })).status).toBe(403);
    expect((await get(direct, '/healthz', { 'x-forwarded-for': '198.51.100.1' })).status).toBe(200);
    const proxied = await startWith({ TRUSTED_PROXIES: 'loopback' });
    expect((await get(proxied, '/metrics', { 'x-forwarded-for': '198.51.100.1' })).status).toBe(403);
    // A proxy that names no client (X-Real-IP only) leaves the proxy's own address: not enough.
    expect((await get(proxied, '/metrics', { 'x-real-ip': '198.51.100.1' })).status).toBe(403);
  });
});
