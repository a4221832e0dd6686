/** Presenters: every API answer lists its fields here, explicitly, so nothing stored leaks by accident. */
import type { DocumentView, InviteView, MeView, MemberView, WorkspaceView } from '../../../shared/api/index.js';
import type { Role } from '../../../shared/roles.js';
import { colorFor } from '../../collab/access.js';
import type { UserRecord } from '../../storage/accounts.js';
import type { DocumentRecord } from '../../storage/documents.js';
import type { InviteRecord } from '../../storage/invites.js';
import type { MemberRecord, WorkspaceRecord } from '../../storage/workspaces.js';

export function presentMe(user: UserRecord): MeView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    color: colorFor(user.id),
    timeZone: user.timeZone,
    workingHours: user.workingHours ? { start: user.workingHours.start, end: user.workingHours.end } : null,
    createdAt: user.createdAt,
  };
}

export function presentWorkspace(workspace: WorkspaceRecord, role: Role): WorkspaceView {
  return { id: workspace.id, name: workspace.name, role, createdAt: workspace.createdAt };
}

export function presentMember(member: MemberRecord): MemberView {
  return {
    userId: member.userId,
    name: member.name,
    email: member.email,
    role: member.role,
    timeZone: member.timeZone,
    joinedAt: member.joinedAt,
  };
}

export function presentInvite(invite: InviteRecord): InviteView {
  return {
    id: invite.id,
    workspaceId: invite.workspaceId,
    role: invite.role,
    email: invite.email,
    createdAt: invite.createdAt,
    expiresAt: invite.expiresAt,
  };
}

export function presentDocument(doc: DocumentRecord): DocumentView {
  return {
    id: doc.id,
    workspaceId: doc.workspaceId,
    title: doc.title,
    template: doc.template,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    deletedAt: doc.deletedAt,
  };
}
