/**
 * Notifications from account events, over real HTTP: an invitation addressed to an existing account's
 * email reaches its inbox with a link to the invitation; a role changed by an owner reaches the member
 * (never when you change your own); a kind set to "off" stores nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationListView } from '../../../shared/api/notifications.js';
import { ApiClient } from '../../../test/auth/api-client.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.dispose();
});

async function inbox(who: ApiClient): Promise<NotificationListView> {
  const answer = await who.get('/api/notifications');
  expect(answer.status).toBe(200);
  return answer.body as NotificationListView;
}

describe('notifications of invitations and role changes', () => {
  it('an addressed invitation and a role change reach the person; a kind turned off does not', async () => {
    const server = await startTestServer();
    servers.push(server);
    const owner = new ApiClient(server.url);
    await owner.signup('Olga Owner');
    const bob = new ApiClient(server.url);
    const bobUser = await bob.signup('Bob Reader');
    const workspaceId = await owner.workspace('Sepsis study');

    const invited = await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: 'commenter', email: bobUser.email });
    expect(invited.status).toBe(201);
    const token = (invited.body as { token: string }).token;
    const [invitation] = (await inbox(bob)).notifications;
    expect(invitation).toMatchObject({
      kind: 'invitation',
      actor: { name: 'Olga Owner' },
      workspace: { id: workspaceId, name: 'Sepsis study' },
      target: { type: 'invitation', token },
      excerpt: 'Join Sepsis study as commenter',
      readAt: null,
    });
    expect((await bob.post(`/api/invites/${token}/accept`)).status).toBe(200);
    // Accepting it marks it read.
    expect((await inbox(bob)).notifications[0]?.readAt).not.toBeNull();

    expect((await owner.patch(`/api/workspaces/${workspaceId}/members/${bobUser.id}`, { role: 'editor' })).status).toBe(200);
    const roles = (await inbox(bob)).notifications.filter((n) => n.kind === 'role-changed');
    expect(roles).toHaveLength(1);
    expect(roles[0]).toMatchObject({ actor: { name: 'Olga Owner' }, workspace: { id: workspaceId }, target: { type: 'workspace' }, excerpt: 'You are now editor in Sepsis study' });

    // The same role again is no change; a kind set to off stores nothing.
    expect((await owner.patch(`/api/workspaces/${workspaceId}/members/${bobUser.id}`, { role: 'editor' })).status).toBe(200);
    expect((await bob.request('PUT', '/api/notifications/preferences', { kinds: { 'role-changed': 'off' } })).status).toBe(200);
    expect((await owner.patch(`/api/workspaces/${workspaceId}/members/${bobUser.id}`, { role: 'viewer' })).status).toBe(200);
    expect((await inbox(bob)).notifications.filter((n) => n.kind === 'role-changed')).toHaveLength(1);

    // A link invitation names nobody; an invitation for an address without an account has nobody to tell.
    expect((await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: 'viewer' })).status).toBe(201);
    expect((await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: 'viewer', email: 'nobody-yet@example.org' })).status).toBe(201);
    expect((await inbox(owner)).notifications).toEqual([]);
    expect((await inbox(bob)).notifications.filter((n) => n.kind === 'invitation')).toHaveLength(1);
  });
});
