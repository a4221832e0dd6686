/** Attacks on the HTTP API, each against a real server over real HTTP. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ApiClient, errorOf, goodPassword, uniqueEmail } from './api-client.js';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.dispose();
});

async function start(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer(options);
  servers.push(s);
  return s;
}

/** A server whose auth clock the test moves by hand. */
async function startWithClock(inactivityMs = 60_000) {
  const clock = { now: Date.now() };
  const server = await start({ auth: { now: () => clock.now, sessionInactivityMs: inactivityMs } });
  return { server, clock };
}

function flip(ch: string): string {
  return ch === 'a' ? 'b' : 'a';
}

describe('session tokens', () => {
  it('no cookie, forged, malformed, bit-flipped and revoked tokens all get 401', async () => {
    const server = await start();
    const alice = new ApiClient(server.url);
    await alice.signup('Alice');
    const token = alice.token ?? '';
    const probe = (cookie: string | null) =>
      fetch(`${server.url}/api/me`, { headers: cookie === null ? {} : { cookie: `confer_session=${cookie}` } }).then((r) => r.status);

    expect(await probe(token)).toBe(200);
    expect(await probe(null)).toBe(401);
    expect(await probe('')).toBe(401);
    expect(await probe('aaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaa')).toBe(401);
    expect(await probe('not-a-token')).toBe(401);
    expect(await probe(`${token}x`)).toBe(401);
    expect(await probe(`${token.split('.')[0]}`)).toBe(401);
    // Flip one character of the secret, then one of the ID.
    expect(await probe(token.slice(0, -1) + flip(token.at(-1) ?? 'a'))).toBe(401);
    expect(await probe(flip(token[0] ?? 'a') + token.slice(1))).toBe(401);
    // The right ID with someone else's secret.
    const bob = new ApiClient(server.url);
    await bob.signup('Bob');
    expect(await probe(`${token.split('.')[0]}.${(bob.token ?? '').split('.')[1]}`)).toBe(401);

    const res = await alice.get('/api/me');
    expect(res.status).toBe(200);
    await alice.post('/api/auth/logout');
    expect(await probe(token)).toBe(401);
    expect(errorOf(await new ApiClient(server.url).get('/api/workspaces'))).toEqual({ code: 'unauthenticated', message: expect.any(String) });
  });

  it('the database holds no usable token: only SHA-256 hashes, and the secret is nowhere on disk', async () => {
    const server = await start();
    const alice = new ApiClient(server.url);
    await alice.signup('Alice');
    const [id, secret] = (alice.token ?? '').split('.');
    const rows = await server.storage.db.selectFrom('sessions').selectAll().execute();
    expect(rows).toHaveLength(1);
    const row = rows[0];
    if (!row || !id || !secret) throw new Error('no session');
    expect(row.id).toBe(id);
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret);
    for (const guess of [`${row.id}.${row.secret_hash}`, `${row.id}.${row.secret_hash.slice(0, 24)}`, row.secret_hash]) {
      const r = await fetch(`${server.url}/api/me`, { headers: { cookie: `confer_session=${guess}` } });
      expect(r.status).toBe(401);
    }
    for (const file of fs.readdirSync(server.dataDir)) {
      const bytes = fs.readFileSync(path.join(server.dataDir, file));
      expect(bytes.includes(Buffer.from(secret)), `${file} contains the session secret`).toBe(false);
      expect(bytes.includes(Buffer.from(goodPassword)), `${file} contains the password`).toBe(false);
    }
  });

  it('a session expires after inactivity, and renewal slides it (written at most once per interval)', async () => {
    const { server, clock } = await startWithClock(60_000);
    const alice = new ApiClient(server.url);
    await alice.signup('Alice');
    const lastUsed = async () => Number((await server.storage.db.selectFrom('sessions').select('last_used_at').executeTakeFirstOrThrow()).last_used_at);
    const t0 = await lastUsed();
    clock.now += 10_000;
    expect((await alice.get('/api/me')).status).toBe(200);
    expect(await lastUsed()).toBe(t0); // within the renewal interval: no write
    clock.now += 40_000;
    const renewed = await alice.get('/api/me');
    expect(renewed.status).toBe(200);
    expect(await lastUsed()).toBe(clock.now);
    expect(alice.lastSetCookie).toMatch(/Max-Age=60/);
    clock.now += 50_000; // 100 s after signup, 50 s after the renewal: still valid
    expect((await alice.get('/api/me')).status).toBe(200);
    clock.now += 61_000;
    expect((await alice.get('/api/me')).status).toBe(401);
    expect(await server.storage.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('sets Secure on the cookie when served over https (PUBLIC_URL)', async () => {
    const server = await start({ env: { PUBLIC_URL: 'https://confer.example.org' } });
    const client = new ApiClient(server.url, 'https://confer.example.org');
    await client.signup('Tls');
    expect(client.lastSetCookie).toMatch(/; Secure/);
  });
});

describe('origin checks (CSRF)', () => {
  it('refuses state-changing requests from a foreign Origin or a cross-site Sec-Fetch-Site', async () => {
    const server = await start();
    const alice = new ApiClient(server.url);
    await alice.signup('Alice');
    const evil = new ApiClient(server.url, 'https://evil.example');
    evil.token = alice.token;
    const res = await evil.post('/api/workspaces', { name: 'pwned' });
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('forbidden_origin');
    expect((await evil.post('/api/auth/login', { email: 'a@b.org', password: goodPassword })).status).toBe(403);
    expect((await evil.post('/api/auth/logout')).status).toBe(403);
    expect((await alice.get('/api/me')).status).toBe(200); // logout from evil did nothing
    const crossSite = await fetch(`${server.url}/api/workspaces`, {
      method: 'POST',
      headers: { cookie: alice.cookie, 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'pwned' }),
    });
    expect(crossSite.status).toBe(403);
    expect((await alice.get('/api/workspaces')).body).toEqual({ workspaces: [] });
    // Reads are not state-changing: a GET with a foreign Origin is answered (CORS keeps the body from the other site).
    expect((await evil.get('/api/me')).status).toBe(200);
  });
});

describe('cross-workspace access', () => {
  it('a member of another workspace gets 404 for documents, members, invitations, exactly like for IDs that do not exist', async () => {
    const server = await start();
    const alice = new ApiClient(server.url);
    const aliceUser = await alice.signup('Alice');
    const ws = await alice.workspace('Secret grant');
    const doc = await alice.document(ws, 'Unpublished');
    const mallory = new ApiClient(server.url);
    await mallory.signup('Mallory');
    await mallory.workspace('Mallory group');

    const real = await mallory.get(`/api/documents/${doc}`);
    const missing = await mallory.get('/api/documents/doesnotexist');
    expect(real.status).toBe(404);
    expect(real.body).toEqual(missing.body);
    expect((await mallory.patch(`/api/documents/${doc}`, { title: 'x' })).status).toBe(404);
    expect((await mallory.delete(`/api/documents/${doc}`)).status).toBe(404);
    expect((await mallory.post(`/api/documents/${doc}/restore`)).status).toBe(404);
    expect((await mallory.get(`/api/workspaces/${ws}`)).status).toBe(404);
    expect((await mallory.get(`/api/workspaces/${ws}/members`)).status).toBe(404);
    expect((await mallory.get(`/api/workspaces/${ws}/documents`)).status).toBe(404);
    expect((await mallory.post(`/api/workspaces/${ws}/documents`, { title: 'x' })).status).toBe(404);
    expect((await mallory.post(`/api/workspaces/${ws}/invites`, { role: 'owner' })).status).toBe(404);
    expect((await mallory.delete(`/api/workspaces/${ws}/members/${aliceUser.id}`)).status).toBe(404);
    expect((await mallory.patch(`/api/workspaces/${ws}/members/${aliceUser.id}`, { role: 'viewer' })).status).toBe(404);
    expect(((await alice.get(`/api/documents/${doc}`)).body as { document: { title: string } }).document.title).toBe('Unpublished');
  });
});

describe('login throttling', () => {
  /** A client behind the trusted proxy (the loopback peer) at `address`. */
  function behindProxy(server: TestServer, address: string): ApiClient {
    const client = new ApiClient(server.url);
    client.extraHeaders = { 'X-Forwarded-For': address };
    return client;
  }

  it('brute force from one address gets 429 there, even for the right password, while the owner signs in from another; unknown email and wrong password share one 401 message', async () => {
    // Default budgets: ten failures per account and address.
    const server = await start({ env: { TRUSTED_PROXIES: 'loopback' } });
    const { email } = await behindProxy(server, '203.0.113.5').signup('Alice');
    const attacker = behindProxy(server, '198.51.100.66');
    const unknown = await attacker.post('/api/auth/login', { email: uniqueEmail('nobody'), password: 'wrong password 1' });
    const wrong = await attacker.post('/api/auth/login', { email, password: 'wrong password 1' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    for (let i = 0; i < 9; i++) expect((await attacker.post('/api/auth/login', { email, password: `guess ${i} xxxxxx` })).status).toBe(401);
    const blocked = await attacker.post('/api/auth/login', { email, password: goodPassword });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(errorOf(blocked).code).toBe('too_many_attempts');
    expect(attacker.token).toBeUndefined();

    const owner = behindProxy(server, '203.0.113.5');
    expect((await owner.post('/api/auth/login', { email, password: goodPassword })).status).toBe(200);
    expect((await owner.get('/api/me')).status).toBe(200);
    expect((await attacker.post('/api/auth/login', { email, password: goodPassword })).status).toBe(429);
  });

  it('without TRUSTED_PROXIES, a forged X-Forwarded-For per attempt buys no fresh budget on an account', async () => {
    const server = await start();
    const { email } = await new ApiClient(server.url).signup('Alice');
    for (let i = 0; i < 10; i++) {
      expect((await behindProxy(server, `198.51.100.${i}`).post('/api/auth/login', { email, password: `guess ${i} xxxxxx` })).status).toBe(401);
    }
    expect((await behindProxy(server, '198.51.100.99').post('/api/auth/login', { email, password: goodPassword })).status).toBe(429);
  });

  it('one address trying many accounts gets 429 (per-IP budget), and so does mass signup', async () => {
    const server = await start({
      auth: { throttle: { loginPerIp: { points: 3, durationSeconds: 60 }, loginFailuresPerAccount: { points: 100, durationSeconds: 60 }, signupPerIp: { points: 2, durationSeconds: 60 } } },
    });
    const client = new ApiClient(server.url);
    for (let i = 0; i < 3; i++) expect((await client.post('/api/auth/login', { email: uniqueEmail(), password: 'whatever123' })).status).toBe(401);
    const blocked = await client.post('/api/auth/login', { email: uniqueEmail(), password: 'whatever123' });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    await new ApiClient(server.url).signup();
    await new ApiClient(server.url).signup();
    const third = await new ApiClient(server.url).post('/api/auth/signup', { email: uniqueEmail(), password: goodPassword, name: 'Third' });
    expect(third.status).toBe(429);
  });
});
