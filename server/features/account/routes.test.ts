/** Signup, /me, logout and login, in-process against a temporary SQLite database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodPassword, uniqueEmail } from '../../../test/auth/api-client.js';
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

