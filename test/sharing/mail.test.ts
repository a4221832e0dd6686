/**
 * Sharing with an address that has no account, with email on (a real SMTP server on 127.0.0.1): the
 * invitation to the one document is mailed, names the document, and its link works for that address
 * once it is verified.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, uniqueEmail } from '../auth/api-client.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { sharingScene } from './helpers.js';

const PUBLIC_URL = 'http://confer.test';

describe('a document invitation by email', () => {
  let sink: SmtpSink | undefined;
  let server: TestServer | undefined;

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({ env: { SMTP_URL: sink.url, MAIL_FROM: 'Confer <confer@confer.test>', PUBLIC_URL }, mailTimings: { pollMs: 50 } });
  }, 60_000);

  afterAll(async () => {
    await server?.dispose();
    await sink?.close();
  });

  it('is mailed to the address, names the document, and its link makes a guest of whoever verified that address', async () => {
    if (!server || !sink) throw new Error('setup failed');
    const scene = await sharingScene(server, PUBLIC_URL);
    const email = uniqueEmail('board');
    const invited = await scene.owner.post(`/api/documents/${scene.shared}/guests`, { email, role: 'commenter' });
    expect(invited.status).toBe(201);
    expect((invited.body as { emailed: boolean }).emailed).toBe(true);

    const mail = await waitFor(() => {
      const found = sink?.messages.find((m) => JSON.stringify(m.to ?? '').includes(email));
      if (!found) throw new Error('not yet');
      return found;
    }, { what: 'the invitation mail', timeoutMs: 20_000 });
    expect(mail.subject).toBe('“Ethics protocol” was shared with you on Confer');
    const token = decodeURIComponent(/\/invite\/([^\s"]+)/.exec(mail.text ?? '')?.[1] ?? '');
    expect(token).toBe((invited.body as { token: string }).token);

    const board = new ApiClient(server.url, PUBLIC_URL);
    await board.signup('Ethics Board', email);
    // With email on, an address-bound invitation needs the address proven first.
    const unverified = await board.post(`/api/invites/${token}/accept`);
    expect(unverified.status).toBe(403);
    await server.storage.db.updateTable('users').set({ email_verified_at: Date.now() }).where('email', '=', email).execute();
    expect((await board.post(`/api/invites/${token}/accept`)).body).toEqual({ document: { id: scene.shared } });
    expect((await board.get(`/api/documents/${scene.shared}`)).status).toBe(200);
    expect((await board.get(`/api/documents/${scene.other}`)).status).toBe(404);
  });
});
