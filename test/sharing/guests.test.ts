/**
 * Document guests over real HTTP and sockets: a guest reaches the one document shared with them (read,
 * comments, history, export, catch-up, the socket) and nothing else of the group (its documents,
 * members, search, activity, other documents' comments); a viewer guest cannot write; removing a guest
 * closes their sockets; a guest can be mentioned; the activity list shows who shared what; someone
 * without an account is invited by email.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/index.js';
import { BODY_FRAGMENT, MENTION_ELEMENT } from '../../server/features/notifications/body-mentions.js';
import { ApiClient, errorOf, uniqueEmail } from '../auth/api-client.js';
import { closeOf, upgradeStatus } from '../helpers/clients.js';
import { waitFor } from '../helpers/wait.js';
import { startFeatureServer } from '../features/setup.js';
import type { TestServer } from '../helpers/server.js';
import { addGuest, droppedWrites, Opened, sharingScene } from './helpers.js';

const servers: TestServer[] = [];
const opened = new Opened();

afterEach(async () => {
  opened.close();
  for (const s of servers.splice(0)) await s.dispose();
});

async function start(): Promise<TestServer> {
  const server = await startFeatureServer();
  servers.push(server);
  return server;
}

describe('a document guest', () => {
  it('reaches the shared document and nothing else of the group, over HTTP and the socket', async () => {
    const server = await start();
    const scene = await sharingScene(server);
    const { owner, guest, shared, other, workspaceId } = scene;

    // Before sharing: nothing at all.
    expect((await guest.get(`/api/documents/${shared}`)).status).toBe(404);
    expect(await upgradeStatus(server.url, shared, guest.socketHeaders())).toBe(403);
    await addGuest(scene, 'commenter');

    // Told in the inbox who shared what.
    type Inbox = { notifications: Array<{ kind: string; actor: { name: string } | null; document: { id: string; title: string } | null }> };
    const inbox = ((await guest.get('/api/notifications')).body as Inbox).notifications;
    expect(inbox.map((n) => [n.kind, n.actor?.name, n.document])).toEqual([['invitation', 'Olga Owner', { id: shared, title: 'Ethics protocol' }]]);

    const list = await guest.get('/api/shared-with-me');
    expect(list.status).toBe(200);
    expect((list.body as { documents: Array<{ id: string; role: string; sharedBy: { name: string } }> }).documents).toEqual([
      expect.objectContaining({ id: shared, title: 'Ethics protocol', role: 'commenter', sharedBy: { id: scene.ids.owner, name: 'Olga Owner' } }),
    ]);

    // The one document: metadata, comments, history, export, catch-up, following, the socket.
    for (const path of ['', '/comments', '/versions', '/export?format=md', '/catch-up', '/follow', '/people']) {
      expect((await guest.get(`/api/documents/${shared}${path}`)).status, `shared${path}`).toBe(200);
    }
    // The page learns it is a guest's view (so it never asks for the group).
    expect(((await guest.get(`/api/documents/${shared}`)).body as { guest?: boolean }).guest).toBe(true);
    expect(((await owner.get(`/api/documents/${shared}`)).body as { guest?: boolean }).guest).toBeUndefined();
    expect(await upgradeStatus(server.url, shared, guest.socketHeaders())).toBe(101);
    expect(await upgradeStatus(server.url, `${shared}--comments`, guest.socketHeaders())).toBe(101);

    // Nothing else: the other document by every route, the group's lists, its activity, its search.
    for (const path of ['', '/comments', '/versions', '/export?format=md', '/catch-up', '/follow', '/people', '/deadline', '/access', '/links']) {
      expect((await guest.get(`/api/documents/${other}${path}`)).status, `other${path}`).toBe(404);
    }
    expect(await upgradeStatus(server.url, other, guest.socketHeaders())).toBe(403);
    expect(await upgradeStatus(server.url, `${other}--comments`, guest.socketHeaders())).toBe(403);
    expect(((await guest.get('/api/workspaces')).body as { workspaces: unknown[] }).workspaces).toEqual([]);
    for (const path of ['', '/members', '/documents', '/activity', '/invites', '/deadlines']) {
      expect((await guest.get(`/api/workspaces/${workspaceId}${path}`)).status, `workspace${path}`).toBe(404);
    }
    expect((await guest.get(`/api/search?q=budget&workspace=${workspaceId}`)).status).toBe(404);
    expect((await guest.post(`/api/workspaces/${workspaceId}/documents`, { title: 'Sneaky' })).status).toBe(404);

    // Search: the owner finds the other document by its title; the guest finds nothing of the group.
    expect((await owner.patch(`/api/documents/${other}`, { title: 'Confidential budget 2026' })).status).toBe(200);
    await waitFor(async () => ((await owner.get('/api/search?q=budget')).body as { results: unknown[] }).results.length === 1, { what: 'owner finds it' });
    const found = (await guest.get('/api/search?q=budget')).body as { results: unknown[]; comments: unknown[] };
    expect(found).toEqual({ results: [], comments: [] });
    expect(((await guest.get('/api/recent')).body as { documents?: unknown[] }).documents ?? []).toEqual([]);
  });

  it('sees the document’s people without the group’s member list; members see guests marked as guests', async () => {
    const server = await start();
    const scene = await sharingScene(server);
    await addGuest(scene, 'viewer');
    type People = { people: Array<{ id: string; name: string; guest: boolean }> };
    const mine = ((await scene.owner.get(`/api/documents/${scene.shared}/people`)).body as People).people;
    expect(mine.map((p) => [p.name, p.guest])).toEqual([
      ['Olga Owner', false],
      ['Mia Member', false],
      ['Rita Reviewer', true],
    ]);
    const theirs = ((await scene.guest.get(`/api/documents/${scene.shared}/people`)).body as People).people;
    // Who shared it and the other guests, so they can mention them; never the rest of the group.
    expect(theirs.map((p) => [p.name, p.guest])).toEqual([
      ['Olga Owner', false],
      ['Rita Reviewer', true],
    ]);
  });

  it('can be mentioned: a mention of a guest notifies them, one of an outsider nobody', async () => {
    const server = await start();
    const scene = await sharingScene(server);
    await addGuest(scene, 'viewer');
    const outsider = new ApiClient(server.url);
    const outsiderUser = await outsider.signup('Otto Outsider');
    const writer = opened.client(await scene.owner.connect(scene.shared));
    const body = writer.doc.getXmlFragment(BODY_FRAGMENT);
    const mention = (id: string, label: string, mentionId: string) => {
      const paragraph = new Y.XmlElement('paragraph');
      const node = new Y.XmlElement(MENTION_ELEMENT);
      node.setAttribute('id', id);
      node.setAttribute('label', label);
      node.setAttribute('mentionId', mentionId);
      paragraph.insert(0, [new Y.XmlText('Please review, '), node]);
      return paragraph;
    };
    // One commit, so once the guest's notification is there the outsider's was decided too.
    writer.doc.transact(() => body.insert(0, [mention(outsiderUser.id, 'Otto Outsider', 'm-out'), mention(scene.ids.guest, 'Rita Reviewer', 'm-guest')]));
    type Inbox = { notifications: Array<{ kind: string; target: { mentionId?: string } }> };
    await waitFor(async () => ((await scene.guest.get('/api/notifications')).body as Inbox).notifications.some((n) => n.kind === 'mention'), { what: 'the guest’s mention' });
    const theirs = ((await scene.guest.get('/api/notifications')).body as Inbox).notifications.filter((n) => n.kind === 'mention');
    expect(theirs.map((n) => n.target.mentionId)).toEqual(['m-guest']);
    expect(((await outsider.get('/api/notifications')).body as Inbox).notifications).toEqual([]);
  });

  it('as a viewer cannot write: socket updates are dropped, and every write over HTTP is refused', async () => {
    const server = await start();
    const scene = await sharingScene(server);
    await addGuest(scene, 'viewer');
    const writer = opened.client(await scene.owner.connect(scene.shared));
    const reader = opened.client(await scene.guest.connect(scene.shared));
    writer.text.insert(0, 'approved');
    await waitFor(() => reader.text.toString() === 'approved', { what: 'the guest reads the owner' });

    const before = await droppedWrites(server);
    reader.text.insert(0, 'VANDALISM ');
    await waitFor(async () => (await droppedWrites(server)) > before, { what: 'the guest’s write dropped' });
    writer.text.insert(writer.text.length, '!');
    await waitFor(() => reader.text.toString().endsWith('!'), { what: 'relay alive' });
    expect(writer.text.toString()).toBe('approved!');
    expect(server.hub.registry.peek(scene.shared)?.doc.getText('t').toString()).toBe('approved!');

    // Comments are read-only for a viewer too.
    const comments = opened.client(await scene.guest.connect(`${scene.shared}--comments`));
    const commentsBefore = await droppedWrites(server);
    comments.doc.getMap('threads').set('forged', 'x');
    await waitFor(async () => (await droppedWrites(server)) > commentsBefore, { what: 'the guest’s comment dropped' });

    const g = scene.guest;
    const d = `/api/documents/${scene.shared}`;
    expect((await g.patch(d, { title: 'Renamed' })).status).toBe(403);
    expect((await g.delete(d)).status).toBe(403);
    expect((await g.post(`${d}/versions`, { name: 'mine' })).status).toBe(403);
    expect((await g.request('PUT', `${d}/deadline`, { at: Date.now() + 86_400_000 })).status).toBe(403);
    expect((await g.post(`${d}/links`, { days: 7 })).status).toBe(403);
    expect((await g.get(`${d}/access`)).status).toBe(403);
    expect((await g.post(`${d}/guests`, { email: 'someone@example.org', role: 'editor' })).status).toBe(403);
  });

  it('as an editor writes the text, yet may neither trash the document nor share it', async () => {
    const server = await start();
    const scene = await sharingScene(server);
    await addGuest(scene, 'editor');
    const owner = opened.client(await scene.owner.connect(scene.shared));
    const editor = opened.client(await scene.guest.connect(scene.shared));
    editor.text.insert(0, 'guest edit');
    await waitFor(() => owner.text.toString() === 'guest edit', { what: 'the guest editor’s edit reaches the owner' });
    const d = `/api/documents/${scene.shared}`;
    expect((await scene.guest.delete(d)).status).toBe(403);
    expect((await scene.guest.post(`${d}/links`, { days: 1 })).status).toBe(403);
    expect((await scene.guest.post(`${d}/guests`, { email: 'x@example.org', role: 'viewer' })).status).toBe(403);
  });

  it('removal closes the guest’s open sockets with 4403 and ends their access; a new role reconnects them', async () => {
    const server = await start();
    const scene = await sharingScene(server);
    await addGuest(scene, 'viewer');
    const d = `/api/documents/${scene.shared}`;

    const text = await opened.socket(server, scene.shared, scene.guest.socketHeaders());
    const changed = closeOf(text);
    expect((await scene.owner.patch(`${d}/guests/${scene.ids.guest}`, { role: 'commenter' })).status).toBe(200);
    expect((await changed).code).toBe(CloseCode.AccessChanged);

    const again = await opened.socket(server, scene.shared, scene.guest.socketHeaders());
    const comments = await opened.socket(server, `${scene.shared}--comments`, scene.guest.socketHeaders());
    const ownerSocket = await opened.socket(server, scene.shared, scene.owner.socketHeaders());
    const closedText = closeOf(again);
    const closedComments = closeOf(comments);
    expect((await scene.owner.delete(`${d}/guests/${scene.ids.guest}`)).status).toBe(204);
    expect((await closedText).code).toBe(CloseCode.Forbidden);
    expect((await closedComments).code).toBe(CloseCode.Forbidden);
    expect(ownerSocket.readyState).toBe(ownerSocket.OPEN);
    expect((await scene.guest.get(d)).status).toBe(404);
    expect(await upgradeStatus(server.url, scene.shared, scene.guest.socketHeaders())).toBe(403);
    expect(((await scene.guest.get('/api/shared-with-me')).body as { documents: unknown[] }).documents).toEqual([]);
    expect((await scene.owner.delete(`${d}/guests/${scene.ids.guest}`)).status).toBe(404);
  });

  it('is added from outside the group only; the activity list shows sharing', async () => {
    const server = await start();
    const scene = await sharingScene(server);
    const d = `/api/documents/${scene.shared}`;
    const member = await scene.owner.post(`${d}/guests`, { email: scene.memberEmail, role: 'viewer' });
    expect(member.status).toBe(409);
    expect(errorOf(member).code).toBe('already_member');
    expect((await scene.owner.post(`${d}/guests`, { email: scene.guestEmail, role: 'owner' })).status).toBe(400);
    // A member editor may share too.
    expect((await scene.member.post(`${d}/guests`, { email: scene.guestEmail, role: 'commenter' })).status).toBe(201);
    // A guest may leave by themselves.
    expect((await scene.guest.delete(`${d}/guests/${scene.ids.guest}`)).status).toBe(204);

    type Activity = { activity: Array<{ kind: string; documentId: string; detail: string | null; user: { name: string } | null }> };
    const log = ((await scene.owner.get(`/api/workspaces/${scene.workspaceId}/activity`)).body as Activity).activity;
    expect(log.filter((a) => a.kind.startsWith('guest-')).map((a) => [a.kind, a.user?.name, a.detail])).toEqual([
      ['guest-removed', 'Rita Reviewer', 'Rita Reviewer'],
      ['guest-added', 'Mia Member', 'Rita Reviewer (commenter)'],
    ]);
  });

  it('without an account is invited by email: after signing up and accepting, they are a guest of that one document', async () => {
    const server = await start();
    const scene = await sharingScene(server);
    const d = `/api/documents/${scene.shared}`;
    const email = uniqueEmail('board');
    const invited = await scene.owner.post(`${d}/guests`, { email, role: 'commenter' });
    expect(invited.status).toBe(201);
    const { token, invitation } = invited.body as { token: string; invitation: { id: string; email: string; role: string } };
    expect(invitation).toMatchObject({ email, role: 'commenter' });
    const access = (await scene.owner.get(`${d}/access`)).body as { invitations: Array<{ id: string }> };
    expect(access.invitations.map((i) => i.id)).toEqual([invitation.id]);
    // Not an invitation to the group: the group's list of invitations does not show it.
    expect(((await scene.owner.get(`/api/workspaces/${scene.workspaceId}/invites`)).body as { invites: unknown[] }).invites).toEqual([]);

    const board = new ApiClient(server.url);
    const preview = await board.get(`/api/invites/${token}`);
    expect(preview.body).toMatchObject({ invite: { documentTitle: 'Ethics protocol', role: 'commenter', invitedBy: 'Olga Owner', addressed: true } });
    await board.signup('Ethics Board', email);
    const accepted = await board.post(`/api/invites/${token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ document: { id: scene.shared } });
    expect((await board.get(d)).status).toBe(200);
    expect((await board.get(`/api/documents/${scene.other}`)).status).toBe(404);
    expect((await board.get(`/api/workspaces/${scene.workspaceId}/members`)).status).toBe(404);
    expect(((await board.get('/api/workspaces')).body as { workspaces: unknown[] }).workspaces).toEqual([]);
    expect(((await board.get('/api/shared-with-me')).body as { documents: Array<{ id: string; role: string }> }).documents).toEqual([
      expect.objectContaining({ id: scene.shared, role: 'commenter' }),
    ]);
    expect(await upgradeStatus(server.url, scene.shared, board.socketHeaders())).toBe(101);
    expect((await board.post(`/api/invites/${token}/accept`)).status).toBe(410);

    // A revoked invitation cannot be accepted.
    const other = uniqueEmail('funder');
    const second = (await scene.owner.post(`${d}/guests`, { email: other, role: 'viewer' })).body as { token: string; invitation: { id: string } };
    expect((await scene.guest.delete(`${d}/invitations/${second.invitation.id}`)).status).toBe(404);
    expect((await scene.owner.delete(`${d}/invitations/${second.invitation.id}`)).status).toBe(204);
    const funder = new ApiClient(server.url);
    await funder.signup('Funder', other);
    expect((await funder.post(`/api/invites/${second.token}/accept`)).status).toBe(410);
    expect((await funder.get(d)).status).toBe(404);
  });
});
