/** Typed calls for working groups: yours, one, create, rename. */
import type { WorkspaceView } from '../../../shared/api/workspaces.js';
import { request, seg } from '../../lib/api';

export const workspacesApi = {
  list: () => request<{ workspaces: WorkspaceView[] }>('GET', '/api/workspaces'),
  create: (name: string) => request<{ workspace: WorkspaceView }>('POST', '/api/workspaces', { name }),
  get: (id: string) => request<{ workspace: WorkspaceView }>('GET', `/api/workspaces/${seg(id)}`),
  rename: (id: string, name: string) => request<{ workspace: WorkspaceView }>('PATCH', `/api/workspaces/${seg(id)}`, { name }),
};
