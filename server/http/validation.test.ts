/** Invalid, oversized and unicode-heavy input on every JSON route: 400 with field messages, 415, 413; in-process. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, goodPassword, uniqueEmail } from '../../test/auth/api-client.js';
import { startInProcess, type InProcessApp } from '../../test/helpers/in-process.js';

let server: InProcessApp;
const clock = { now: Date.now() };

beforeAll(async () => {
  server = await startInProcess({
    auth: {
      now: () => clock.now,
      throttle: {
        loginPerIp: { points: 1000, durationSeconds: 60 },
        loginFailuresPerAccount: { points: 1000, durationSeconds: 60 },
        signupPerIp: { points: 1000, durationSeconds: 60 },
      },
    },
  });
});
afterAll(async () => {
  await server?.dispose();
});

const signupBody = (overrides: Record<string, unknown>) => ({ email: uniqueEmail(), password: goodPassword, name: 'Valid Name', ...overrides });

describe('input validation', () => {
  it.each([
    ['missing everything', {}, ['email', 'password', 'name']],
    ['wrong types', { email: 42, password: ['x'], name: { a: 1 } }, ['email', 'password', 'name']],
    ['bad email', signupBody({ email: 'not-an-email' }), ['email']],
    ['short password', signupBody({ password: 'short' }), ['password']],
    ['password of 257 characters', signupBody({ password: 'p'.repeat(257) }), ['password']],
    ['password of 11 emoji is fine but 257 emoji is not', signupBody({ password: '🔑'.repeat(257) }), ['password']],
    ['unknown time zone', signupBody({ timeZone: 'Mars/Olympus_Mons' }), ['timeZone']],
    ['empty name after trimming', signupBody({ name: '   \t ' }), ['name']],
    ['name of 81 emoji', signupBody({ name: '👩‍🔬'.repeat(81) }), ['name']],
    ['name with a right-to-left override', signupBody({ name: 'Admin\u202Egnp.exe' }), ['name']],
    ['name with a control character', signupBody({ name: 'Bob\u0000' }), ['name']],
    ['zalgo name', signupBody({ name: `Z${'\u0301\u0302\u0303\u0304\u0305\u0306'.repeat(3)}algo` }), ['name']],
    ['name with a lone surrogate', signupBody({ name: 'Ann\uD800' }), ['name']],
  ])('signup: %s → 400 with messages for %j', async (_label, body, fields) => {
    const res = await server.client().post('/api/auth/signup', body);
    expect(res.status).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('invalid_input');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual([...fields].sort());
    for (const messages of Object.values(error.fields ?? {})) for (const m of messages) expect(m).toMatch(/\w/);
  });

  it('accepts real-world unicode: accents, CJK, RTL scripts and emoji within limits', async () => {
    for (const name of ['Zoë Ødegård', '张伟', 'محمد عبد الله', 'Dr. 👩‍🔬 Nguyễn Thị Minh Khai']) {
      const res = await server.client().post('/api/auth/signup', signupBody({ name, password: '密码密码密码密码密码🔑' }));
      expect(res.status, name).toBe(201);
      expect((res.body as { user: { name: string } }).user.name).toBe(name.normalize('NFC'));
    }
  });

  it('malformed JSON is 400, a non-JSON body is 415, an oversized body is 413', async () => {
    const client = server.client();
    await client.signup();
    const malformed = await client.request('POST', '/api/workspaces', '{"name": ', {});
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed).code).toBe('bad_request');
    const form = await client.request('POST', '/api/workspaces', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const huge = await client.post('/api/workspaces', { name: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);
    expect(errorOf(huge).code).toBe('payload_too_large');
    expect((await client.get('/api/workspaces')).body).toEqual({ workspaces: [] });
  });

  it('rejects bad workspace, document, member, invite and profile input with field messages', async () => {
    const owner = server.client();
    const me = await owner.signup();
    const ws = await owner.workspace();
    const doc = await owner.document(ws);
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/api/workspaces', { name: '' }, 'name'],
      ['POST', '/api/workspaces', { name: 'é'.repeat(101) }, 'name'],
      ['PATCH', `/api/workspaces/${ws}`, { name: 7 }, 'name'],
      ['POST', `/api/workspaces/${ws}/documents`, { title: 'x', template: 'evil' }, 'template'],
      ['POST', `/api/workspaces/${ws}/documents`, { title: '𝕏'.repeat(201) }, 'title'],
      ['PATCH', `/api/documents/${doc}`, { title: '\u2066hidden\u2069' }, 'title'],
      ['PATCH', `/api/workspaces/${ws}/members/${me.id}`, { role: 'superuser' }, 'role'],
      ['POST', `/api/workspaces/${ws}/invites`, { role: 'editor', email: 'nope' }, 'email'],
      ['POST', `/api/workspaces/${ws}/invites`, { role: 'editor', expiresInHours: 100000 }, 'expiresInHours'],
      ['PATCH', '/api/me', { workingHours: { start: '25:00', end: '17:00' } }, 'workingHours.start'],
      ['PATCH', '/api/me', { workingHours: { start: '09:00', end: '09:00' } }, 'workingHours.end'],
      ['PATCH', '/api/me', {}, '_'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await owner.request(method, path, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body).slice(0, 60)}`).toBe(400);
      expect(Object.keys(errorOf(res).fields ?? {}), `${method} ${path}`).toContain(field);
    }
  });
});
