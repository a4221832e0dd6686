/** Working groups with their members and invitations, end to end in-process: create, rename, invite, roles, removal, leaving. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess, type InProcessApp } from '../../../test/helpers/in-process.js';

let server: InProcessApp;

beforeAll(async () => {
  server = await startInProcess();
});
afterAll(async () => {
  await server?.dispose();
});

describe('workspaces, members, invitations', () => {
  it('creates and lists workspaces, renames them, invites, lists members, changes roles, removes and leaves', async () => {
    const owner = server.client();
    const ownerUser = await owner.signup('Owner');
    const created = await owner.post('/api/workspaces', { name: 'Clinical protocols' });
    expect(created.status).toBe(201);
    const ws = (created.body as { workspace: { id: string } }).workspace;
    expect(created.body).toEqual({ workspace: { id: ws.id, name: 'Clinical protocols', role: 'owner', createdAt: expect.any(Number) } });
    expect((await owner.get('/api/workspaces')).body).toEqual({ workspaces: [created.body && (created.body as { workspace: unknown }).workspace] });
    expect((await owner.get(`/api/workspaces/${ws.id}`)).status).toBe(200);
    expect((await owner.patch(`/api/workspaces/${ws.id}`, { name: 'Protocols' })).body).toMatchObject({ workspace: { name: 'Protocols' } });

    const bob = server.client();
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
    const carol = server.client();
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
    const owner = server.client();
    await owner.signup('Owner');
    const ws = await owner.workspace();
    const invite = await owner.post(`/api/workspaces/${ws}/invites`, { role: 'viewer' });
    const again = await owner.post(`/api/invites/${(invite.body as { token: string }).token}/accept`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ workspace: { id: ws, role: 'owner' } });
    expect(((await owner.get(`/api/workspaces/${ws}/invites`)).body as { invites: unknown[] }).invites).toHaveLength(1);
  });
});

