/** Signup, /me, logout and login, in-process against a temporary SQLite database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from 'hono';
import { errorOf, goodPassword, uniqueEmail, type ApiClient } from '../../../test/auth/api-client.js';
import { startInProcess, type InProcessApp } from '../../../test/helpers/in-process.js';

let server: InProcessApp;

beforeAll(async () => {
  server = await startInProcess();
});
afterAll(async () => {
  await server?.dispose();
});

describe('auth', () => {
  it('signs up (201 + cookie), reads and updates /me, logs out, logs in again', async () => {
    const alice = server.client();
    const email = uniqueEmail('alice');
    const signup = await alice.post('/api/auth/signup', { email: email.toUpperCase(), password: goodPassword, name: '  Alice Ångström ', timeZone: 'europe/berlin' });
    expect(signup.status).toBe(201);
    expect(signup.body).toEqual({
      user: {
        id: expect.any(String),
        email,
        name: 'Alice Ångström',
        timeZone: 'Europe/Berlin',
        workingHours: null,
        // The presence colour collaborators see, so the user's own avatar matches it.
        color: expect.stringMatching(/^#[0-9a-f]{6}$/),
        createdAt: expect.any(Number),
      },
    });
    const cookie = alice.lastSetCookie ?? '';
    expect(cookie).toMatch(/^confer_session=[a-z2-9]{24}\.[a-z2-9]{24};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    expect(signup.headers.get('x-content-type-options')).toBe('nosniff');

    const me = await alice.get('/api/me');
    expect(me.status).toBe(200);
    expect((me.body as { user: { email: string } }).user.email).toBe(email);

    const patched = await alice.patch('/api/me', { name: 'Alice A.', timeZone: 'America/New_York', workingHours: { start: '08:30', end: '16:30' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ user: { name: 'Alice A.', timeZone: 'America/New_York', workingHours: { start: '08:30', end: '16:30' } } });
    expect((await alice.patch('/api/me', { workingHours: null })).body).toMatchObject({ user: { workingHours: null } });

    const logout = await alice.post('/api/auth/logout');
    expect(logout.status).toBe(204);
    expect(alice.lastSetCookie).toMatch(/confer_session=;.*Max-Age=0/);
    expect(alice.token).toBeUndefined();
    expect((await alice.get('/api/me')).status).toBe(401);

    const login = await alice.post('/api/auth/login', { email, password: goodPassword });
    expect(login.status).toBe(200);
    expect((login.body as { user: { name: string } }).user.name).toBe('Alice A.');
    expect((await alice.get('/api/me')).status).toBe(200);
  });

  it('refuses a second account for the same email (409, case-insensitive)', async () => {
    const email = uniqueEmail('dup');
    await server.client().signup('First', email);
    const again = await server.client().post('/api/auth/signup', { email: email.toUpperCase(), password: goodPassword, name: 'Second' });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: { code: 'email_taken', message: expect.any(String) } });
  });
});


/**
 * In-process requests have no socket, so the test names the client's address in a header that only
 * this test's resolver reads (the real TRUSTED_PROXIES walk is covered in test/auth/attacks-http.test.ts).
 */
const addressHeader = 'x-test-client-address';
const addressFromHeader = (c: Context) => c.req.header(addressHeader) ?? '127.0.0.1';

function clientFrom(app: InProcessApp, address: string): ApiClient {
  const client = app.client();
  client.extraHeaders = { [addressHeader]: address };
  return client;
}

const login = (client: ApiClient, email: string, password: string) => client.post('/api/auth/login', { email, password });

describe('login throttling keyed on the account and the address', () => {
  it('ten wrong passwords from one address throttle that address only: the owner still signs in from another', async () => {
    // Default limits: what `npm start` runs with.
    const app = await startInProcess({ clientAddress: addressFromHeader });
    try {
      const { email } = await clientFrom(app, '203.0.113.5').signup('Olga Owner');
      const attacker = clientFrom(app, '198.51.100.66');
      for (let i = 0; i < 10; i++) expect((await login(attacker, email, `wrong guess ${i}`)).status).toBe(401);
      const blocked = await login(attacker, email, goodPassword);
      expect(blocked.status).toBe(429);
      expect(errorOf(blocked).code).toBe('too_many_attempts');
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(attacker.token).toBeUndefined();

      const owner = clientFrom(app, '203.0.113.5');
      expect((await login(owner, email, goodPassword)).status).toBe(200);
      expect((await owner.get('/api/me')).status).toBe(200);
      // From a third address, a mistyped password is a plain 401, not a lock-out.
      expect((await login(clientFrom(app, '192.0.2.9'), email, 'typo in the password')).status).toBe(401);
      // The owner's success does not lift the attacker's block.
      expect((await login(attacker, email, goodPassword)).status).toBe(429);
    } finally {
      await app.dispose();
    }
  });

  it('the per-account ceiling still holds when the failures come from many addresses', async () => {
    const app = await startInProcess({
      clientAddress: addressFromHeader,
      auth: {
        throttle: {
          loginPerIp: { points: 1000, durationSeconds: 60 },
          loginFailuresPerAccountAndIp: { points: 3, durationSeconds: 900 },
          loginFailuresPerAccount: { points: 6, durationSeconds: 24 * 3600 },
          signupPerIp: { points: 1000, durationSeconds: 60 },
        },
      },
    });
    try {
      const { email } = await clientFrom(app, '203.0.113.5').signup('Olga Owner');
      const other = await clientFrom(app, '203.0.113.6').signup('Otto Other');
      // Two failures from each of three addresses: under every per-address budget, at the account's ceiling.
      for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
        for (let i = 0; i < 2; i++) expect((await login(clientFrom(app, address), email, `wrong guess ${i}`)).status).toBe(401);
      }
      const fresh = await login(clientFrom(app, '198.51.100.4'), email, 'another guess');
      expect(fresh.status).toBe(429);
      expect(Number(fresh.headers.get('retry-after'))).toBeGreaterThan(15 * 60);
      // Even the right password from the owner's own address waits: that is the ceiling's price.
      expect((await login(clientFrom(app, '203.0.113.5'), email, goodPassword)).status).toBe(429);
      // Other accounts are untouched.
      expect((await login(clientFrom(app, '198.51.100.4'), other.email, goodPassword)).status).toBe(200);
    } finally {
      await app.dispose();
    }
  });
});
