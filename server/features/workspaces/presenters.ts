/** A working group as the API shows it, with the caller's role. */
import type { WorkspaceView } from '../../../shared/api/workspaces.js';
import type { Role } from '../../../shared/roles.js';
import type { WorkspaceRecord } from '../../storage/workspaces.js';

export function presentWorkspace(workspace: WorkspaceRecord, role: Role): WorkspaceView {
  return { id: workspace.id, name: workspace.name, role, createdAt: workspace.createdAt };
}
