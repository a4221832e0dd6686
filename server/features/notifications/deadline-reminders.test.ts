/**
 * Following and deadline reminders, with the server's clock injected (never slept): you follow the
 * documents you create, edit or comment on; followers are reminded 24 h and 1 h ahead, each once, and
 * a reminder that would fall in your night (Alice in Kolkata) comes the evening before, while Bob in
 * London gets his at the very hour.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { NotificationListView } from '../../../shared/api/notifications.js';
import { addThread, commentsDocId } from '../../../shared/comments/threads.js';
import { ApiClient } from '../../../test/auth/api-client.js';
import { connectClient, type TestClient } from '../../../test/helpers/clients.js';
import { createTestSchema, describeWithPostgres, type TestSchema } from '../../../test/helpers/postgres.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { waitFor } from '../../../test/helpers/wait.js';
import { eveningBefore } from '../mail/index.js';
import { reminderTime } from './deadline-reminders.js';

const servers: TestServer[] = [];
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.dispose();
});

const at = (iso: string) => Date.parse(iso);

async function deadlines(who: ApiClient): Promise<string[]> {
  const answer = await who.get('/api/notifications');
  return (answer.body as NotificationListView).notifications.filter((n) => n.kind === 'deadline').map((n) => n.excerpt);
}

async function follows(who: ApiClient, docId: string): Promise<boolean> {
  return ((await who.get(`/api/documents/${docId}/follow`)).body as { following: boolean }).following;
}

describe('the evening before', () => {
  it('moves a reminder out of the night to half an hour before the end of the waking day, across DST too', () => {
    const day = { start: '08:00', end: '20:00' };
    // 22:30 in Kolkata → 19:30 the same evening; 03:00 in London → 19:30 the evening before.
    expect(new Date(reminderTime(at('2027-03-01T17:00:00Z'), 'Asia/Kolkata', day)).toISOString()).toBe('2027-03-01T14:00:00.000Z');
    expect(new Date(reminderTime(at('2027-03-02T03:00:00Z'), 'Europe/London', day)).toISOString()).toBe('2027-03-01T19:30:00.000Z');
    // Awake: unchanged.
    expect(reminderTime(at('2027-03-01T10:00:00Z'), 'Europe/London', day)).toBe(at('2027-03-01T10:00:00Z'));
    // The night the clocks go forward in London (28 March 2027): the evening before is 19:30 GMT, not BST.
    expect(new Date(eveningBefore(at('2027-03-28T02:30:00Z'), 'Europe/London', day)).toISOString()).toBe('2027-03-27T19:30:00.000Z');
    // Working hours 09:00-17:00: 16:30 the day before.
    expect(new Date(reminderTime(at('2027-03-02T07:00:00Z'), 'Europe/London', { start: '09:00', end: '17:00' })).toISOString()).toBe('2027-03-01T16:30:00.000Z');
  });
});

/** The whole story on one engine (SQLite by default; PostgreSQL with `env`). */
async function remindersStory(env: Record<string, string> = {}): Promise<void> {
  let clock = at('2027-03-01T09:00:00Z');
  const server = await startTestServer({ auth: { now: () => clock }, env });
  servers.push(server);
  const alice = new ApiClient(server.url);
  await alice.signup('Alice Iyer');
  expect((await alice.patch('/api/me', { timeZone: 'Asia/Kolkata' })).status).toBe(200);
  const bob = new ApiClient(server.url);
  await bob.signup('Bob Hughes');
  expect((await bob.patch('/api/me', { timeZone: 'Europe/London' })).status).toBe(200);
  const cem = new ApiClient(server.url);
  const cemUser = await cem.signup('Cem Celik');
  const dan = new ApiClient(server.url);
  await dan.signup('Dan Idle');
  const workspaceId = await alice.workspace('Grant');
  await alice.addMember(workspaceId, bob, 'editor');
  await alice.addMember(workspaceId, cem, 'commenter');
  await alice.addMember(workspaceId, dan, 'viewer');
  const docId = await alice.document(workspaceId, 'Proposal');

  // Alice created it; Bob edits; Cem comments; Dan only reads.
  expect(await follows(alice, docId)).toBe(true);
  const bobClient = await bob.connect(docId);
  clients.push(bobClient);
  bobClient.doc.getXmlFragment('default').insert(0, [new Y.XmlText('Aims')]);
  const cemClient = await connectClient(server.url, commentsDocId(docId), { headers: cem.socketHeaders() });
  clients.push(cemClient);
  const author = { id: cemUser.id, name: 'Cem Celik' };
  addThread(cemClient.doc, { id: 't1', anchor: { start: null, end: null }, quote: 'Aims', createdBy: author, createdAt: clock }, { id: 'c1', author, body: 'Too short?', mentions: [], createdAt: clock });
  await waitFor(async () => (await follows(bob, docId)) && (await follows(cem, docId)), { what: 'the editor and the commenter follow' });
  expect(await follows(dan, docId)).toBe(false);

  // Due Tuesday 2 March 17:00 London (GMT) = 22:30 Kolkata.
  expect((await alice.request('PUT', `/api/documents/${docId}/deadline`, { at: at('2027-03-02T17:00:00Z') })).status).toBe(200);
  const tick = async (iso: string) => {
    clock = at(iso);
    await server.services.reminders.tick();
  };

  await tick('2027-03-01T13:59:00Z');
  expect([...(await deadlines(alice)), ...(await deadlines(bob))]).toEqual([]);
  // 24 h ahead would be 22:30 for Alice: she hears at 19:30 her time (14:00 UTC), Bob not yet.
  await tick('2027-03-01T14:00:00Z');
  expect(await deadlines(alice)).toEqual(['Due Tue 2 Mar, 22:30 (reminder 24 hours ahead)']);
  expect(await deadlines(bob)).toEqual([]);
  await tick('2027-03-01T17:00:00Z');
  await tick('2027-03-01T17:01:00Z');
  expect(await deadlines(bob)).toEqual(['Due Tue 2 Mar, 17:00 (reminder 24 hours ahead)']);
  // Cem signed up in Berlin: the same instant in his own zone.
  expect(await deadlines(cem)).toEqual(['Due Tue 2 Mar, 18:00 (reminder 24 hours ahead)']);
  expect(await deadlines(dan)).toEqual([]);

  // 1 h ahead: 21:30 for Alice is night again (19:30 her time); 16:00 for Bob.
  await tick('2027-03-02T14:00:00Z');
  expect(await deadlines(alice)).toHaveLength(2);
  expect(await deadlines(bob)).toHaveLength(1);
  await tick('2027-03-02T16:00:00Z');
  expect((await deadlines(bob))[0]).toBe('Due Tue 2 Mar, 17:00 (reminder 1 hour ahead)');
  await tick('2027-03-02T16:30:00Z');
  expect(await deadlines(alice)).toHaveLength(2);
  expect(await deadlines(bob)).toHaveLength(2);
  const view = ((await bob.get('/api/notifications')).body as NotificationListView).notifications[0];
  expect(view).toMatchObject({ kind: 'deadline', actor: null, document: { id: docId, title: 'Proposal' }, target: { type: 'document' } });
}

describe('following and deadline reminders', () => {
  it('creators, editors and commenters follow; reminders come 24 h and 1 h ahead, once, at night moved to the evening before', () => remindersStory());
});

describeWithPostgres('following and deadline reminders on PostgreSQL', (databaseUrl) => {
  let schema: TestSchema | null = null;
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.dispose();
    await schema?.drop();
    schema = null;
  });
  it('the same, with the queries on PostgreSQL', async () => {
    schema = await createTestSchema(databaseUrl);
    await remindersStory({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema.name });
  });
});
