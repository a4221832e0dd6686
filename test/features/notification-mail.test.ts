/**
 * Notification mail as the assembled server makes it, with the real notifications feature, a real SMTP
 * server on 127.0.0.1 and an injected clock (the gaps the mail feature's own tests, over a test feed,
 * leave): a mention detected in a committed comment is mailed after the delay only while unread; a
 * notification stored by a node that stopped before queueing its mail is mailed after a restart; the
 * digest lists the threads waiting on you.
 */
import fs from 'node:fs';
import type { ParsedMail } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { addThread, commentsDocId, setAssignee, setResolved, type CommentAuthor } from '../../shared/comments/threads.js';
import { ApiClient } from '../auth/api-client.js';
import { connectClient, type TestClient } from '../helpers/clients.js';
import { createTestSchema, describeWithPostgres, type TestSchema } from '../helpers/postgres.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { startTestServer, tempDir, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const PUBLIC_URL = 'http://confer.test';
const MIN = 60_000;
let clock = 0;
const servers: TestServer[] = [];
const clients: TestClient[] = [];
const sinks: SmtpSink[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.dispose();
  for (const s of sinks.splice(0)) await s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function start(sink: SmtpSink, dataDir?: string, env: Record<string, string> = {}): Promise<TestServer> {
  const server = await startTestServer({
    ...(dataDir ? { dataDir } : {}),
    auth: { now: () => clock },
    env: { SMTP_URL: sink.url, MAIL_FROM: 'Confer <confer@confer.test>', PUBLIC_URL, ...env },
    mailTimings: { pollMs: 20 },
  });
  servers.push(server);
  return server;
}

async function person(server: TestServer, name: string, timeZone: string): Promise<{ client: ApiClient; author: CommentAuthor; email: string }> {
  const client = new ApiClient(server.url, PUBLIC_URL);
  const { id, email } = await client.signup(name);
  expect((await client.patch('/api/me', { timeZone })).status).toBe(200);
  return { client, author: { id, name }, email };
}

/** `value`, or a throw that makes waitFor try again. */
function present<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('not yet');
  return value;
}

function mailsTo(sink: SmtpSink, email: string): ParsedMail[] {
  return sink.messages.filter((m) => JSON.stringify(m.to ?? '').includes(email));
}

async function comments(server: TestServer, who: ApiClient, docId: string): Promise<TestClient> {
  const client = await connectClient(server.url, commentsDocId(docId), { headers: who.socketHeaders() });
  clients.push(client);
  return client;
}

function thread(c: TestClient, id: string, author: CommentAuthor, body: string, mentions: string[] = []): void {
  addThread(c.doc, { id, anchor: { start: null, end: null }, quote: 'the dose', createdBy: author, createdAt: clock }, { id: `${id}-c1`, author, body, mentions, createdAt: clock });
}

/** The digest's threads waiting on you, on SQLite or (with `env`) PostgreSQL. */
async function digestWaitingStory(env: Record<string, string> = {}): Promise<void> {
  clock = Date.UTC(2027, 0, 12, 10, 0);
  const sink = await startSmtpSink();
  sinks.push(sink);
  const server = await start(sink, undefined, env);
  const alice = await person(server, 'Alice Iyer', 'Asia/Kolkata');
  const bob = await person(server, 'Bob Hughes', 'Europe/London');
  const ws = await alice.client.workspace('Sepsis');
  await alice.client.addMember(ws, bob.client, 'editor');
  const docId = await alice.client.document(ws, 'Protocol');
  expect((await bob.client.request('PUT', `/api/documents/${docId}/follow`, { following: true })).status).toBe(200);
  // Bob wants the digest, not mail of each notification.
  expect((await bob.client.request('PUT', '/api/notifications/preferences', { kinds: { mention: 'in-app', assigned: 'in-app' } })).status).toBe(200);
  const c = await comments(server, alice.client, docId);
  thread(c, 'ask', alice.author, '@Bob Hughes is 30 ml/kg right?', [bob.author.id]);
  thread(c, 'task', alice.author, 'Someone has to redo the power calculation');
  setAssignee(c.doc, 'task', bob.author, alice.author, clock);
  thread(c, 'done', alice.author, '@Bob Hughes old question', [bob.author.id]);
  setResolved(c.doc, 'done', alice.author, clock);
  thread(c, 'others', alice.author, 'A note for myself');
  await waitFor(async () => ((await bob.client.get('/api/notifications/unread-count')).body as { unread: number }).unread >= 2, { what: 'the comments committed' });

  clock = Date.UTC(2027, 0, 13, 8, 0); // Wednesday 08:00 in London
  const digest = await waitFor(() => present(mailsTo(sink, bob.email).find((m) => m.subject === 'Your Confer digest')), { what: "Bob's digest" });
  const text = digest.text ?? '';
  expect(text).toContain('Threads waiting on you');
  expect(text).toContain('Protocol: "@Bob Hughes is 30 ml/kg right?"');
  expect(text).toContain('Protocol: "Assigned to you: Someone has to redo the power calculation"');
  expect(text).toContain(`${PUBLIC_URL}/d/${docId}?thread=ask`);
  expect(text).not.toContain('old question');
  expect(text).not.toContain('A note for myself');
}

describe('notification mail from the real notifications feature', () => {
  it('mails a comment mention after the delay only while unread, with a link to the comment', async () => {
    clock = Date.UTC(2027, 0, 12, 10, 0); // Tuesday 10:00 in London
    const sink = await startSmtpSink();
    sinks.push(sink);
    const server = await start(sink);
    const alice = await person(server, 'Alice Iyer', 'Asia/Kolkata');
    const bob = await person(server, 'Bob Hughes', 'Europe/London');
    const ws = await alice.client.workspace('Sepsis');
    await alice.client.addMember(ws, bob.client, 'editor');
    const docId = await alice.client.document(ws, 'Protocol');
    const c = await comments(server, alice.client, docId);
    thread(c, 'read', alice.author, '@Bob Hughes seen this one?', [bob.author.id]);
    thread(c, 'unread', alice.author, '@Bob Hughes please check the dose', [bob.author.id]);
    const list = await waitFor(async () => {
      const body = (await bob.client.get('/api/notifications')).body as { notifications: Array<{ id: string; excerpt: string }> };
      return present(body.notifications.length === 2 ? body.notifications : null);
    }, { what: "Bob's two notifications" });
    const seen = list.find((n) => n.excerpt.includes('seen this one'));
    expect((await bob.client.post(`/api/notifications/${seen?.id ?? ''}/read`)).status).toBe(204);

    clock += 10 * MIN;
    const [mail] = await waitFor(() => present(mailsTo(sink, bob.email).length > 0 ? mailsTo(sink, bob.email) : null), { what: "Bob's mail" });
    expect(mail?.text).toContain('please check the dose');
    expect(mail?.text).not.toContain('seen this one');
    expect(mail?.text).toContain(`${PUBLIC_URL}/d/${docId}?thread=unread&comment=unread-c1`);
    expect(mailsTo(sink, alice.email)).toHaveLength(0);
  }, 60_000);

  it('a notification stored by a node that stopped before queueing its mail is mailed after the restart', async () => {
    clock = Date.UTC(2027, 0, 12, 10, 0);
    const sink = await startSmtpSink();
    sinks.push(sink);
    const dataDir = tempDir();
    dirs.push(dataDir);
    const first = await start(sink, dataDir);
    const bob = await person(first, 'Bob Hughes', 'Europe/London');
    // The row alone, as if the node died between storing it and queueing its mail (no listener ran).
    await first.services.notifications.store.add([
      { userId: bob.author.id, kind: 'reply', actorId: null, workspaceId: null, docId: null, target: { type: 'document' }, excerpt: 'stored, never queued', sourceKey: 'test:lost' },
    ]);
    await first.dispose();
    servers.splice(servers.indexOf(first), 1);

    const second = await start(sink, dataDir);
    expect(second.url).not.toBe('');
    clock += 10 * MIN;
    const got = await waitFor(() => present(mailsTo(sink, bob.email).length > 0 ? mailsTo(sink, bob.email) : null), { what: 'the recovered mail' });
    expect(got).toHaveLength(1);
    expect(got[0]?.text).toContain('stored, never queued');
  }, 60_000);

  it('the digest lists the open threads waiting on you: assigned to you, or asking you, not resolved ones', () => digestWaitingStory(), 60_000);
});

describeWithPostgres('the digest on PostgreSQL', (databaseUrl) => {
  let schema: TestSchema | null = null;
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.dispose();
    await schema?.drop();
    schema = null;
  });
  it('lists the threads waiting on you', async () => {
    schema = await createTestSchema(databaseUrl);
    await digestWaitingStory({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema.name });
  }, 60_000);
});

