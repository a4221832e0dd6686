/**
 * Mentions in the document body become notifications, over real sockets: a stock y-websocket client
 * inserts mention nodes, the relay commits them, and the mentioned person reads the notification
 * through the inbox routes; never for yourself, never twice for the same mention.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ApiClient } from '../../../test/auth/api-client.js';
import type { TestClient } from '../../../test/helpers/clients.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { waitFor } from '../../../test/helpers/wait.js';
import type { NotificationListView } from '../../../shared/api/notifications.js';
import { BODY_FRAGMENT, MENTION_ELEMENT } from './body-mentions.js';

const servers: TestServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.dispose();
});

/** A paragraph with text and a mention node, as TipTap's collaboration binding writes it. */
function paragraphWithMention(userId: string, label: string, mentionId: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  const mention = new Y.XmlElement(MENTION_ELEMENT);
  mention.setAttribute('id', userId);
  mention.setAttribute('label', label);
  mention.setAttribute('mentionId', mentionId);
  paragraph.insert(0, [new Y.XmlText('Could you check the dose, '), mention, new Y.XmlText('?')]);
  return paragraph;
}

async function unread(who: ApiClient): Promise<number> {
  const answer = await who.get('/api/notifications/unread-count');
  expect(answer.status).toBe(200);
  return (answer.body as { unread: number }).unread;
}

/** A server, Alice (owner) and Bob (editor) in one group, and Alice's document in it. */
async function aliceAndBob() {
  const server = await startTestServer();
  servers.push(server);
  const alice = new ApiClient(server.url);
  const aliceUser = await alice.signup('Alice Author');
  const bob = new ApiClient(server.url);
  const bobUser = await bob.signup('Bob Reader');
  const workspaceId = await alice.workspace('Trial');
  await alice.addMember(workspaceId, bob, 'editor');
  const docId = await alice.document(workspaceId, 'Protocol');
  return { server, alice, aliceUser, bob, bobUser, workspaceId, docId };
}

describe('mention notifications', () => {
  it('notifies the mentioned member once, not the writer, and mark-read changes the count', async () => {
    const { server, alice, aliceUser, bob, bobUser, workspaceId, docId } = await aliceAndBob();

    let commits = 0;
    server.hub.onCommitted((id) => {
      if (id === docId) commits += 1;
    });
    const client = await alice.connect(docId);
    clients.push(client);
    const body = client.doc.getXmlFragment(BODY_FRAGMENT);
    client.doc.transact(() => {
      body.insert(body.length, [paragraphWithMention(bobUser.id, 'Bob Reader', 'm-1'), paragraphWithMention(aliceUser.id, 'Alice Author', 'm-self')]);
    });

    await waitFor(async () => (await unread(bob)) === 1, { what: "Bob's mention notification" });
    const list = await bob.get('/api/notifications');
    const view = list.body as NotificationListView;
    expect(view.unread).toBe(1);
    expect(view.nextBefore).toBeNull();
    expect(view.notifications).toHaveLength(1);
    expect(view.notifications[0]).toMatchObject({
      kind: 'mention',
      actor: { id: aliceUser.id, name: 'Alice Author' },
      document: { id: docId, title: 'Protocol' },
      workspace: { id: workspaceId },
      target: { type: 'mention', mentionId: 'm-1' },
      excerpt: 'Could you check the dose, @Bob Reader?',
      readAt: null,
    });

    // A later commit still holds the same mention: no second notification.
    const seen = commits;
    client.doc.transact(() => body.insert(body.length, [new Y.XmlElement('paragraph')]));
    await waitFor(() => commits > seen, { what: 'the later commit' });
    await server.services.notifications.flush();
    expect(await unread(bob)).toBe(1);
    expect(((await bob.get('/api/notifications')).body as NotificationListView).notifications).toHaveLength(1);
    expect(await unread(alice)).toBe(0);

    // Writers follow what they edit.
    expect((await alice.get(`/api/documents/${docId}/follow`)).body).toEqual({ documentId: docId, following: true });

    const id = view.notifications[0]?.id ?? '';
    expect((await alice.post(`/api/notifications/${id}/read`)).status).toBe(404);
    expect(await unread(bob)).toBe(1);
    expect((await bob.post(`/api/notifications/${id}/read`)).status).toBe(204);
    expect(await unread(bob)).toBe(0);
    const read = ((await bob.get('/api/notifications')).body as NotificationListView).notifications[0];
    expect(read?.readAt).toEqual(expect.any(Number));
  });

  it('reaches a person mentioned while they are typing in the same document, under the writer\'s name', async () => {
    const { alice, aliceUser, bob, bobUser, docId } = await aliceAndBob();
    const aliceClient = await alice.connect(docId);
    const bobClient = await bob.connect(docId);
    clients.push(aliceClient, bobClient);

    // Bob keeps typing, so his commits and Alice's land in the same moments.
    const bobBody = bobClient.doc.getXmlFragment(BODY_FRAGMENT);
    const bobParagraph = new Y.XmlElement('paragraph');
    const bobText = new Y.XmlText('');
    bobParagraph.insert(0, [bobText]);
    bobBody.insert(0, [bobParagraph]);
    const typing = setInterval(() => bobText.insert(bobText.length, 'x'), 10);
    try {
      const body = aliceClient.doc.getXmlFragment(BODY_FRAGMENT);
      body.insert(body.length, [paragraphWithMention(bobUser.id, 'Bob Reader', 'm-typing')]);
      await waitFor(async () => (await unread(bob)) === 1, { what: "Bob's mention, while he types" });
    } finally {
      clearInterval(typing);
    }
    const view = (await bob.get('/api/notifications')).body as NotificationListView;
    expect(view.notifications).toHaveLength(1);
    expect(view.notifications[0]).toMatchObject({ kind: 'mention', actor: { id: aliceUser.id }, target: { type: 'mention', mentionId: 'm-typing' } });
  });
});
