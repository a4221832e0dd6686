/** POST /api/me/password in-process: the current password is required, and every other session ends. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, goodPassword } from '../../../test/auth/api-client.js';
import { startInProcess, type InProcessApp } from '../../../test/helpers/in-process.js';

let server: InProcessApp;

beforeAll(async () => {
  server = await startInProcess();
});
afterAll(async () => {
  await server?.dispose();
});

const newPassword = 'a much longer passphrase for 2025';

describe('password change', () => {
  it('needs the current password, keeps this session and ends the others', async () => {
    const laptop = server.client();
    const { email } = await laptop.signup('Priya Patel');
    const phone = server.client();
    expect((await phone.post('/api/auth/login', { email, password: goodPassword })).status).toBe(200);

    const wrong = await laptop.post('/api/me/password', { currentPassword: 'not my password', newPassword });
    expect(wrong.status).toBe(403);
    expect(errorOf(wrong).code).toBe('wrong_password');
    expect((await phone.get('/api/me')).status).toBe(200);

    const tooShort = await laptop.post('/api/me/password', { currentPassword: goodPassword, newPassword: 'short' });
    expect(tooShort.status).toBe(400);

    const changed = await laptop.post('/api/me/password', { currentPassword: goodPassword, newPassword });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ user: { email }, signedOut: 1 });
    expect((await laptop.get('/api/me')).status).toBe(200);
    expect((await phone.get('/api/me')).status).toBe(401);

    const fresh = server.client();
    expect((await fresh.post('/api/auth/login', { email, password: goodPassword })).status).toBe(401);
    expect((await fresh.post('/api/auth/login', { email, password: newPassword })).status).toBe(200);
  });

  it('is for signed-in users only', async () => {
    expect((await server.client().post('/api/me/password', { currentPassword: goodPassword, newPassword })).status).toBe(401);
  });
});
