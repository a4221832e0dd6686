/** Happy paths of every auth, me, workspace, member, invite and document endpoint, over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FRAGMENT } from '../../shared/editor/extensions.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ApiClient, goodPassword, uniqueEmail } from './api-client.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.dispose();
});

describe('auth', () => {
  it('signs up (201 + cookie), reads and updates /me, logs out, logs in again', async () => {
    const alice = new ApiClient(server.url);
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
    await new ApiClient(server.url).signup('First', email);
    const again = await new ApiClient(server.url).post('/api/auth/signup', { email: email.toUpperCase(), password: goodPassword, name: 'Second' });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: { code: 'email_taken', message: expect.any(String) } });
  });
});

describe('workspaces, members, invitations', () => {
  it('creates and lists workspaces, renames them, invites, lists members, changes roles, removes and leaves', async () => {
    const owner = new ApiClient(server.url);
    const ownerUser = await owner.signup('Owner');
    const created = await owner.post('/api/workspaces', { name: 'Clinical protocols' });
    expect(created.status).toBe(201);
    const ws = (created.body as { workspace: { id: string } }).workspace;
    expect(created.body).toEqual({ workspace: { id: ws.id, name: 'Clinical protocols', role: 'owner', createdAt: expect.any(Number) } });
    expect((await owner.get('/api/workspaces')).body).toEqual({ workspaces: [created.body && (created.body as { workspace: unknown }).workspace] });
    expect((await owner.get(`/api/workspaces/${ws.id}`)).status).toBe(200);
    expect((await owner.patch(`/api/workspaces/${ws.id}`, { name: 'Protocols' })).body).toMatchObject({ workspace: { name: 'Protocols' } });

    const bob = new ApiClient(server.url);
    const bobUser = await bob.signup('Bob');
    const invite = await owner.post(`/api/workspaces/${ws.id}/invites`, { role: 'editor', email: bobUser.email, expiresInHours: 48 });
    expect(invite.status).toBe(201);
    const { token, invite: view } = invite.body as { token: string; invite: { id: string; expiresAt: number; createdAt: number } };
    expect(token).toMatch(/^[a-z2-9]{24}\.[a-z2-9]{24}$/);
    expect(view).toEqual({ id: view.id, workspaceId: ws.id, role: 'editor', email: bobUser.email, createdAt: expect.any(Number), expiresAt: view.createdAt + 48 * 3600_000 });
    expect((await owner.get(`/api/workspaces/${ws.id}/invites`)).body).toEqual({ invites: [view] });

    const accepted = await bob.post(`/api/invites/${token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ workspace: { id: ws.id, name: 'Protocols', role: 'editor', createdAt: expect.any(Number) } });
    expect((await owner.get(`/api/workspaces/${ws.id}/invites`)).body).toEqual({ invites: [] });

    const members = await bob.get(`/api/workspaces/${ws.id}/members`);
    expect(members.status).toBe(200);
    expect(members.body).toEqual({
      members: [
        { userId: ownerUser.id, name: 'Owner', email: ownerUser.email, role: 'owner', timeZone: 'Europe/Berlin', joinedAt: expect.any(Number) },
        { userId: bobUser.id, name: 'Bob', email: bobUser.email, role: 'editor', timeZone: 'Europe/Berlin', joinedAt: expect.any(Number) },
      ],
    });

    const promoted = await owner.patch(`/api/workspaces/${ws.id}/members/${bobUser.id}`, { role: 'owner' });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ member: { userId: bobUser.id, role: 'owner' } });
    // Two owners now: the first may step down and leave.
    expect((await owner.patch(`/api/workspaces/${ws.id}/members/${ownerUser.id}`, { role: 'viewer' })).status).toBe(200);
    expect((await owner.delete(`/api/workspaces/${ws.id}/members/${ownerUser.id}`)).status).toBe(204);
    expect((await owner.get(`/api/workspaces`)).body).toEqual({ workspaces: [] });
    expect((await owner.get(`/api/workspaces/${ws.id}`)).status).toBe(404);

    // Bob, the last owner, can neither be demoted nor leave.
    const demote = await bob.patch(`/api/workspaces/${ws.id}/members/${bobUser.id}`, { role: 'editor' });
    expect(demote.status).toBe(409);
    expect(demote.body).toMatchObject({ error: { code: 'last_owner' } });
    expect((await bob.delete(`/api/workspaces/${ws.id}/members/${bobUser.id}`)).status).toBe(409);

    // An owner removes a member; an open invitation can be revoked.
    const carol = new ApiClient(server.url);
    const carolUser = await carol.signup('Carol');
    await bob.addMember(ws.id, carol, 'viewer');
    expect((await bob.delete(`/api/workspaces/${ws.id}/members/${carolUser.id}`)).status).toBe(204);
    expect((await carol.get(`/api/workspaces/${ws.id}`)).status).toBe(404);
    const pending = await bob.post(`/api/workspaces/${ws.id}/invites`, { role: 'commenter' });
    const pendingId = (pending.body as { invite: { id: string } }).invite.id;
    expect((await bob.delete(`/api/workspaces/${ws.id}/invites/${pendingId}`)).status).toBe(204);
    expect((await bob.delete(`/api/workspaces/${ws.id}/invites/${pendingId}`)).status).toBe(404);
  });

  it('accepting while already a member keeps the role and leaves the invitation unused', async () => {
    const owner = new ApiClient(server.url);
    await owner.signup('Owner');
    const ws = await owner.workspace();
    const invite = await owner.post(`/api/workspaces/${ws}/invites`, { role: 'viewer' });
    const again = await owner.post(`/api/invites/${(invite.body as { token: string }).token}/accept`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ workspace: { id: ws, role: 'owner' } });
    expect(((await owner.get(`/api/workspaces/${ws}/invites`)).body as { invites: unknown[] }).invites).toHaveLength(1);
  });
});

describe('documents', () => {
  it('creates, lists, reads, renames, trashes and restores', async () => {
    const owner = new ApiClient(server.url);
    await owner.signup('Owner');
    const ws = await owner.workspace();
    const created = await owner.post(`/api/workspaces/${ws}/documents`, { title: 'Sepsis bundle', template: 'best-practice' });
    expect(created.status).toBe(201);
    const doc = (created.body as { document: { id: string; createdAt: number } }).document;
    expect(doc).toEqual({
      id: doc.id,
      workspaceId: ws,
      title: 'Sepsis bundle',
      template: 'best-practice',
      createdAt: expect.any(Number),
      updatedAt: doc.createdAt,
      deletedAt: null,
    });
    expect(doc.id).toMatch(/^[A-Za-z0-9_-]{1,128}$/);
    // The template is seeded on the server, into the document's durable log, before anyone joins.
    const stored = await server.storage.documents.load(doc.id);
    const ydoc = new Y.Doc();
    for (const update of [stored.snapshot, ...stored.updates]) if (update) Y.applyUpdate(ydoc, update);
    expect(ydoc.getXmlFragment(DOCUMENT_FRAGMENT).length).toBeGreaterThan(1);
    ydoc.destroy();
    const blank = await owner.post(`/api/workspaces/${ws}/documents`, { title: 'Notes' });
    expect((blank.body as { document: { template: string } }).document.template).toBe('blank');

    const list = await owner.get(`/api/workspaces/${ws}/documents`);
    expect((list.body as { documents: Array<{ title: string }> }).documents.map((d) => d.title).sort()).toEqual(['Notes', 'Sepsis bundle']);
    expect((await owner.get(`/api/documents/${doc.id}`)).body).toEqual({ document: doc });

    const renamed = await owner.patch(`/api/documents/${doc.id}`, { title: 'Sepsis bundle v2' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ document: { title: 'Sepsis bundle v2' } });

    const trashed = await owner.delete(`/api/documents/${doc.id}`);
    expect(trashed.status).toBe(200);
    expect((trashed.body as { document: { deletedAt: number | null } }).document.deletedAt).toEqual(expect.any(Number));
    expect(((await owner.get(`/api/workspaces/${ws}/documents`)).body as { documents: unknown[] }).documents).toHaveLength(1);
    const trash = await owner.get(`/api/workspaces/${ws}/documents?trashed=1`);
    expect((trash.body as { documents: Array<{ id: string }> }).documents.map((d) => d.id)).toEqual([doc.id]);

    const restored = await owner.post(`/api/documents/${doc.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ document: { id: doc.id, deletedAt: null } });
    expect(((await owner.get(`/api/workspaces/${ws}/documents`)).body as { documents: unknown[] }).documents).toHaveLength(2);
  });

  it('viewers read documents but cannot create, rename or trash them (403)', async () => {
    const owner = new ApiClient(server.url);
    await owner.signup('Owner');
    const ws = await owner.workspace();
    const doc = await owner.document(ws);
    const viewer = new ApiClient(server.url);
    await viewer.signup('Viewer');
    await owner.addMember(ws, viewer, 'viewer');
    expect((await viewer.get(`/api/documents/${doc}`)).status).toBe(200);
    expect((await viewer.get(`/api/workspaces/${ws}/documents`)).status).toBe(200);
    expect((await viewer.post(`/api/workspaces/${ws}/documents`, { title: 'x' })).status).toBe(403);
    expect((await viewer.patch(`/api/documents/${doc}`, { title: 'x' })).status).toBe(403);
    expect((await viewer.delete(`/api/documents/${doc}`)).status).toBe(403);
    expect((await viewer.post(`/api/workspaces/${ws}/invites`, { role: 'owner' })).status).toBe(403);
    expect((await viewer.patch(`/api/workspaces/${ws}`, { name: 'mine' })).status).toBe(403);
  });
});
