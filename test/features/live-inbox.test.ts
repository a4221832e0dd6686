/**
 * The bell's live channel (`/api/notifications/live`) over real sockets: refused before any 101 without
 * a session or from a foreign origin; on one node (SQLite) and across two nodes (PostgreSQL + Redis) a
 * mention written on one node reaches the mentioned person's socket on the other at once, and a read
 * on either node moves the count everywhere.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { LiveNotificationMessage } from '../../shared/api/notifications.js';
import { BODY_FRAGMENT, MENTION_ELEMENT } from '../../server/features/notifications/body-mentions.js';
import { ApiClient } from '../auth/api-client.js';
import type { TestClient } from '../helpers/clients.js';
import { createTestSchema, describeWithPostgres, type TestSchema } from '../helpers/postgres.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const servers: TestServer[] = [];
const clients: TestClient[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.dispose();
});

/** A live inbox socket with everything it received. */
async function openLive(who: ApiClient): Promise<{ ws: WebSocket; messages: LiveNotificationMessage[] }> {
  const ws = new WebSocket(`${who.baseUrl.replace(/^http/, 'ws')}/api/notifications/live`, { headers: who.socketHeaders() });
  sockets.push(ws);
  const messages: LiveNotificationMessage[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as LiveNotificationMessage));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages };
}

/** The status an upgrade is refused with. */
function refusal(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    // Terminating a refused handshake reports "closed before the connection was established": expected here.
    ws.on('error', () => undefined);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => reject(new Error('the upgrade was accepted')));
  });
}

function mentionParagraph(userId: string, label: string, mentionId: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  const mention = new Y.XmlElement(MENTION_ELEMENT);
  mention.setAttribute('id', userId);
  mention.setAttribute('label', label);
  mention.setAttribute('mentionId', mentionId);
  paragraph.insert(0, [new Y.XmlText('Please check the dose, '), mention]);
  return paragraph;
}

const last = (messages: LiveNotificationMessage[]) => messages.at(-1);

/** Alice on `a` mentions Bob, whose live socket is on `b`; Bob reads on `a`; his socket follows. */
async function mentionReachesOtherNode(a: TestServer, b: TestServer): Promise<{ bob: ApiClient; ws: WebSocket }> {
  const alice = new ApiClient(a.url);
  await alice.signup('Alice Author');
  const bob = new ApiClient(b.url);
  const bobUser = await bob.signup('Bob Reader');
  const workspaceId = await alice.workspace('Trial');
  const invite = await alice.post(`/api/workspaces/${workspaceId}/invites`, { role: 'editor' });
  expect((await bob.post(`/api/invites/${(invite.body as { token: string }).token}/accept`)).status).toBe(200);
  const docId = await alice.document(workspaceId, 'Protocol');

  const live = await openLive(bob);
  await waitFor(() => last(live.messages)?.unread === 0, { what: 'the first count' });

  const client = await alice.connect(docId);
  clients.push(client);
  const body = client.doc.getXmlFragment(BODY_FRAGMENT);
  client.doc.transact(() => body.insert(0, [mentionParagraph(bobUser.id, 'Bob Reader', 'm-live')]));

  const pushed = await waitFor(() => live.messages.find((m) => m.type === 'notification'), { what: "Bob's socket told of the mention" });
  expect(pushed).toMatchObject({ type: 'notification', unread: 1, notification: { kind: 'mention', actor: { name: 'Alice Author' }, document: { title: 'Protocol' }, target: { type: 'mention', mentionId: 'm-live' } } });
  if (pushed?.type !== 'notification') throw new Error('no notification pushed');

  // Bob reads it through the other node: his socket hears of it too.
  const bobOnA = new ApiClient(a.url);
  bobOnA.token = bob.token;
  expect((await bobOnA.post(`/api/notifications/${pushed.notification.id}/read`)).status).toBe(204);
  await waitFor(() => last(live.messages)?.type === 'unread' && last(live.messages)?.unread === 0, { what: 'the count back to 0 after the read' });
  return { bob, ws: live.ws };
}

describe('the live inbox on one node', () => {
  it('refuses an upgrade without a session or from a foreign origin, before any 101', async () => {
    const server = await startTestServer();
    servers.push(server);
    const url = `${server.url.replace(/^http/, 'ws')}/api/notifications/live`;
    expect(await refusal(url, { origin: server.url })).toBe(401);
    const bob = new ApiClient(server.url);
    await bob.signup('Bob Reader');
    expect(await refusal(url, { cookie: bob.cookie, origin: 'https://evil.example' })).toBe(403);
    expect((await bob.get('/api/notifications/live')).status).toBe(426);
  });

  it('pushes a new mention and the count after a read, and closes on logout at the next check', async () => {
    const server = await startTestServer({ env: { HEARTBEAT_INTERVAL_MS: '200' } });
    servers.push(server);
    const { bob, ws } = await mentionReachesOtherNode(server, server);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    expect((await bob.post('/api/auth/logout')).status).toBe(204);
    expect(await closed).toBe(4401);
  });
});

describeWithPostgres('the live inbox across two nodes (PostgreSQL + Redis)', (databaseUrl) => {
  let schema: TestSchema | null = null;
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.dispose();
    await schema?.drop();
    schema = null;
  });

  it('a mention written on one node moves the bell of a socket on the other', { timeout: 60_000 }, async () => {
    const redisUrl = process.env.REDIS_URL;
    if (!redisUrl) throw new Error('REDIS_URL is not set: the two-node inbox test needs Redis');
    schema = await createTestSchema(databaseUrl);
    const env = { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema.name, REDIS_URL: redisUrl, REDIS_PREFIX: `confer-test-${randomBytes(4).toString('hex')}:` };
    const a = await startTestServer({ env });
    servers.push(a);
    const b = await startTestServer({ env });
    servers.push(b);
    await mentionReachesOtherNode(a, b);
  });
});
