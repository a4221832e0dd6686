/** Working groups under /api/workspaces: list yours, create one (you become owner), read, rename. */
import { Hono } from 'hono';
import { createWorkspaceInput, renameWorkspaceInput } from '../../../shared/api/workspaces.js';
import { generateSecureRandomString } from '../../auth/tokens.js';
import { membershipOr404, requireCapability } from '../../http/access.js';
import type { SessionEnv } from '../../http/session.js';
import { jsonBody } from '../../http/validate.js';
import type { WorkspaceStore } from '../../storage/workspaces.js';
import { presentWorkspace } from './presenters.js';

export interface WorkspaceRouteDeps {
  workspaces: WorkspaceStore;
  now: () => number;
}

export function workspaceRoutes(deps: WorkspaceRouteDeps): Hono<SessionEnv> {
  const { workspaces } = deps;
  const app = new Hono<SessionEnv>();

  app.get('/', async (c) => {
    const rows = await workspaces.listForUser(c.get('session').user.id);
    return c.json({ workspaces: rows.map((r) => presentWorkspace(r.workspace, r.role)) });
  });

  app.post('/', jsonBody(createWorkspaceInput), async (c) => {
    const { name } = c.req.valid('json');
    const now = deps.now();
    const workspace = { id: generateSecureRandomString(), name, createdAt: now, updatedAt: now };
    await workspaces.create(workspace, c.get('session').user.id);
    return c.json({ workspace: presentWorkspace(workspace, 'owner') }, 201);
  });

  app.get('/:id', async (c) => {
    const row = await membershipOr404(workspaces, c.req.param('id'), c.get('session').user.id);
    return c.json({ workspace: presentWorkspace(row.workspace, row.role) });
  });

  app.patch('/:id', jsonBody(renameWorkspaceInput), async (c) => {
    const row = await membershipOr404(workspaces, c.req.param('id'), c.get('session').user.id);
    requireCapability(row.role, 'members.manage');
    const { name } = c.req.valid('json');
    await workspaces.rename(row.workspace.id, name, deps.now());
    return c.json({ workspace: presentWorkspace({ ...row.workspace, name }, row.role) });
  });

  return app;
}
