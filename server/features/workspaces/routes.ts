/** Working groups: list, create, read, rename; and their members (roles, removal, leaving). */
import { Hono } from 'hono';
import { createWorkspaceInput, renameWorkspaceInput, updateMemberInput } from '../../../shared/api/workspaces.js';
import type { Auth } from '../../auth/index.js';
import { generateSecureRandomString } from '../../auth/tokens.js';
import { membershipOr404, requireCapability } from '../../http/access.js';
import { ApiError } from '../../http/errors.js';
import { presentMember, presentWorkspace } from '../documents/presenters.js';
import type { SessionEnv } from '../../http/session.js';
import { jsonBody } from '../../http/validate.js';

const lastOwner = () => new ApiError(409, 'last_owner', 'a workspace needs at least one owner: make someone else owner first');

export function workspaceRoutes(auth: Auth): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();

  app.get('/', async (c) => {
    const rows = await auth.workspaces.listForUser(c.get('session').user.id);
    return c.json({ workspaces: rows.map((r) => presentWorkspace(r.workspace, r.role)) });
  });

  app.post('/', jsonBody(createWorkspaceInput), async (c) => {
    const { name } = c.req.valid('json');
    const now = auth.now();
    const workspace = { id: generateSecureRandomString(), name, createdAt: now, updatedAt: now };
    await auth.workspaces.create(workspace, c.get('session').user.id);
    return c.json({ workspace: presentWorkspace(workspace, 'owner') }, 201);
  });

  app.get('/:id', async (c) => {
    const row = await membershipOr404(auth, c.req.param('id'), c.get('session').user.id);
    return c.json({ workspace: presentWorkspace(row.workspace, row.role) });
  });

  app.patch('/:id', jsonBody(renameWorkspaceInput), async (c) => {
    const row = await membershipOr404(auth, c.req.param('id'), c.get('session').user.id);
    requireCapability(row.role, 'members.manage');
    const { name } = c.req.valid('json');
    await auth.workspaces.rename(row.workspace.id, name, auth.now());
    return c.json({ workspace: presentWorkspace({ ...row.workspace, name }, row.role) });
  });

  app.get('/:id/members', async (c) => {
    const row = await membershipOr404(auth, c.req.param('id'), c.get('session').user.id);
    const members = await auth.workspaces.members(row.workspace.id);
    return c.json({ members: members.map(presentMember) });
  });

  app.patch('/:id/members/:userId', jsonBody(updateMemberInput), async (c) => {
    const row = await membershipOr404(auth, c.req.param('id'), c.get('session').user.id);
    requireCapability(row.role, 'members.manage');
    const { role } = c.req.valid('json');
    const userId = c.req.param('userId');
    const change = await auth.workspaces.setRole(row.workspace.id, userId, role, auth.now());
    if (!change.ok) {
      if (change.reason === 'last_owner') throw lastOwner();
      throw new ApiError(404, 'not_found', 'no such member');
    }
    // The same role again changes no rights: no reason to make the member's sockets reconnect.
    if (change.previous !== role) await auth.revoker.membershipChanged(row.workspace.id, userId, role);
    const member = (await auth.workspaces.members(row.workspace.id)).find((m) => m.userId === userId);
    if (!member) throw new ApiError(404, 'not_found', 'no such member');
    return c.json({ member: presentMember(member) });
  });

  // Owners remove anyone; every member may remove themselves (leave).
  app.delete('/:id/members/:userId', async (c) => {
    const me = c.get('session').user.id;
    const row = await membershipOr404(auth, c.req.param('id'), me);
    const userId = c.req.param('userId');
    if (userId !== me) requireCapability(row.role, 'members.manage');
    const change = await auth.workspaces.removeMember(row.workspace.id, userId, auth.now());
    if (!change.ok) {
      if (change.reason === 'last_owner') throw lastOwner();
      throw new ApiError(404, 'not_found', 'no such member');
    }
    await auth.revoker.membershipChanged(row.workspace.id, userId, null);
    return c.body(null, 204);
  });

  return app;
}
