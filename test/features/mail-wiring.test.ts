/**
 * Email as the real server wires it (server/main.ts), not as the mail feature's own tests assemble it:
 * with SMTP_URL set, a password reset requested over HTTP reaches a real SMTP server on 127.0.0.1, its
 * link works once. Without SMTP_URL the mail routes are absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const PASSWORD = 'correct horse battery staple';

describe('email in the assembled server', () => {
  let sink: SmtpSink | undefined;
  let server: TestServer | undefined;
  let plain: TestServer | undefined;

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({
      env: { SMTP_URL: sink.url, MAIL_FROM: 'Confer <confer@confer.test>', PUBLIC_URL: 'http://confer.test' },
      mailTimings: { pollMs: 50 },
    });
    plain = await startTestServer();
  }, 60_000);

  afterAll(async () => {
    await server?.dispose();
    await plain?.dispose();
    await sink?.close();
  });

  async function postFrom(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base, ...headers }, body: JSON.stringify(body) });
  }

  it('mails a password reset whose link works once', async () => {
    const base = server?.url ?? '';
    // With PUBLIC_URL set, that is the origin pages are served from (and the only one that may write).
    const post = (path: string, body: unknown) => postFrom(base, path, body, { origin: 'http://confer.test' });
    const email = `reset-${Date.now()}@example.org`;
    const signup = await post('/api/auth/signup', { name: 'Rita Reyes', email, password: PASSWORD, timeZone: 'Europe/London' });
    expect(signup.ok, await signup.clone().text()).toBe(true);
    expect((await post('/api/auth/password-reset', { email })).status).toBe(202);

    const mail = await waitFor(() => {
      const found = sink?.messages.find((m) => JSON.stringify(m.to ?? '').includes(email));
      if (!found) throw new Error('not yet');
      return found;
    }, { what: 'the reset mail', timeoutMs: 20_000 });
    const token = decodeURIComponent(/\/reset-password\?token=([^\s"&]+)/.exec(mail.text ?? '')?.[1] ?? '');
    expect(token).not.toBe('');
    expect(mail.text).toContain('http://confer.test/reset-password');

    const confirm = { token, newPassword: 'a brand new passphrase' };
    expect((await post('/api/auth/password-reset/confirm', confirm)).status).toBe(200);
    expect((await post('/api/auth/password-reset/confirm', confirm)).status).toBe(400);
    expect((await post('/api/auth/login', { email, password: 'a brand new passphrase' })).status).toBe(200);
  });

  it('has no mail routes without SMTP_URL', async () => {
    const base = plain?.url ?? '';
    const res = await postFrom(base, '/api/auth/password-reset', { email: 'someone@example.org' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('email_off');
  });
});
