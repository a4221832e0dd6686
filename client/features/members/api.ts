/** Typed calls for a working group's members: list, change a role, remove or leave. */
import type { MemberView } from '../../../shared/api/workspaces.js';
import type { Role } from '../../../shared/roles.js';
import { request, seg } from '../../lib/api';

export const membersApi = {
  list: (workspaceId: string) => request<{ members: MemberView[] }>('GET', `/api/workspaces/${seg(workspaceId)}/members`),
  setRole: (workspaceId: string, userId: string, role: Role) =>
    request<{ member: MemberView }>('PATCH', `/api/workspaces/${seg(workspaceId)}/members/${seg(userId)}`, { role }),
  /** Removes a member (owners), or leaves (anyone, with their own id). */
  remove: (workspaceId: string, userId: string) => request<null>('DELETE', `/api/workspaces/${seg(workspaceId)}/members/${seg(userId)}`),
};
