/**
 * Workspace roles and what each may do. The server enforces these; the client uses them only to hide
 * controls a user could not use anyway.
 */
export const roles = ['owner', 'editor', 'commenter', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** Things a member may do in a workspace. */
export type Capability =
  | 'workspace.read'
  | 'document.write'
  | 'document.comment'
  | 'document.manage'
  | 'members.manage'
  | 'invites.manage';

const grants: Record<Role, readonly Capability[]> = {
  owner: ['workspace.read', 'document.write', 'document.comment', 'document.manage', 'members.manage', 'invites.manage'],
  editor: ['workspace.read', 'document.write', 'document.comment', 'document.manage'],
  commenter: ['workspace.read', 'document.comment'],
  viewer: ['workspace.read'],
};

/** True when `role` carries `capability`. */
export function can(role: Role, capability: Capability): boolean {
  return grants[role].includes(capability);
}

/** True when `role` may change a document's content (the socket is read-only otherwise). */
export function canWriteDocuments(role: Role): boolean {
  return can(role, 'document.write');
}
