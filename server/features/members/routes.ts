/**
 * Members of a working group under /api/workspaces/:id/members: list, change a role, remove someone
 * (owners) or leave (anyone). A changed role reconnects the member's sockets with their new rights.
 */
import { Hono } from 'hono';
import { updateMemberInput } from '../../../shared/api/workspaces.js';
import type { Auth } from '../../auth/index.js';
import { membershipOr404, requireCapability } from '../../http/access.js';
import { ApiError } from '../../http/errors.js';
import type { SessionEnv } from '../../http/session.js';
import { jsonBody } from '../../http/validate.js';
import type { WorkspaceStore } from '../../storage/workspaces.js';
import { presentMember } from './presenters.js';

export interface MemberRouteDeps {
  workspaces: WorkspaceStore;
  auth: Pick<Auth, 'revoker'>;
  now: () => number;
  /** Tells the member their role changed (features/notifications: kind role-changed). */
  onRoleChanged?: (change: { workspaceId: string; workspaceName: string; userId: string; role: string; byId: string }) => Promise<void>;
}

const lastOwner = () => new ApiError(409, 'last_owner', 'a workspace needs at least one owner: make someone else owner first');

export function memberRoutes(deps: MemberRouteDeps): Hono<SessionEnv> {
  const { workspaces, auth } = deps;
  const app = new Hono<SessionEnv>();

  app.get('/:id/members', async (c) => {
    const row = await membershipOr404(workspaces, c.req.param('id'), c.get('session').user.id);
    const members = await workspaces.members(row.workspace.id);
    return c.json({ members: members.map(presentMember) });
  });

  app.patch('/:id/members/:userId', jsonBody(updateMemberInput), async (c) => {
    const row = await membershipOr404(workspaces, c.req.param('id'), c.get('session').user.id);
    requireCapability(row.role, 'members.manage');
    const { role } = c.req.valid('json');
    const userId = c.req.param('userId');
    const change = await workspaces.setRole(row.workspace.id, userId, role, deps.now());
    if (!change.ok) {
      if (change.reason === 'last_owner') throw lastOwner();
      throw new ApiError(404, 'not_found', 'no such member');
    }
    // The same role again changes no rights: no reason to make the member's sockets reconnect.
    if (change.previous !== role) {
      await auth.revoker.membershipChanged(row.workspace.id, userId, role);
      const byId = c.get('session').user.id;
      if (userId !== byId) await deps.onRoleChanged?.({ workspaceId: row.workspace.id, workspaceName: row.workspace.name, userId, role, byId });
    }
    const member = (await workspaces.members(row.workspace.id)).find((m) => m.userId === userId);
    if (!member) throw new ApiError(404, 'not_found', 'no such member');
    return c.json({ member: presentMember(member) });
  });

  // Owners remove anyone; every member may remove themselves (leave).
  app.delete('/:id/members/:userId', async (c) => {
    const me = c.get('session').user.id;
    const row = await membershipOr404(workspaces, c.req.param('id'), me);
    const userId = c.req.param('userId');
    if (userId !== me) requireCapability(row.role, 'members.manage');
    const change = await workspaces.removeMember(row.workspace.id, userId, deps.now());
    if (!change.ok) {
      if (change.reason === 'last_owner') throw lastOwner();
      throw new ApiError(404, 'not_found', 'no such member');
    }
    await auth.revoker.membershipChanged(row.workspace.id, userId, null);
    return c.body(null, 204);
  });

  return app;
}
