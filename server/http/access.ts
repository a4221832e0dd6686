/** Authorisation steps shared by the routes of every feature: membership, document access, capability. */
import type { Capability, Role } from '../../shared/roles.js';
import { can } from '../../shared/roles.js';
import type { DocumentMetaStore, DocumentRecord } from '../storage/documents.js';
import type { MembershipRow, WorkspaceStore } from '../storage/workspaces.js';
import { ApiError } from './errors.js';

/** The caller's membership, or 404: a workspace you are not in looks exactly like one that does not exist. */
export async function membershipOr404(workspaces: Pick<WorkspaceStore, 'membership'>, workspaceId: string, userId: string): Promise<MembershipRow> {
  const row = await workspaces.membership(workspaceId, userId);
  if (!row) throw new ApiError(404, 'not_found', 'no such workspace');
  return row;
}

/**
 * A document and the caller's role in it (in its workspace, or as a guest of this one document), or
 * 404 for both "missing" and "not yours".
 */
export async function documentOr404(
  documents: Pick<DocumentMetaStore, 'withRole'>,
  docId: string,
  userId: string,
): Promise<{ doc: DocumentRecord; role: Role; guest: boolean }> {
  const found = await documents.withRole(docId, userId);
  if (!found) throw new ApiError(404, 'not_found', 'no such document');
  return found;
}

/** What a guest of one document may never do, whatever their role: manage the group's document or people. */
const memberOnly: readonly Capability[] = ['document.manage', 'members.manage', 'invites.manage'];

/** 403 unless `role` carries `capability` (for a guest, `guest` true: never a member-only one). */
export function requireCapability(role: Role, capability: Capability, guest = false): void {
  if (guest && memberOnly.includes(capability)) throw new ApiError(403, 'forbidden', 'guests of a document may not do this');
  if (!can(role, capability)) throw new ApiError(403, 'forbidden', `your role (${role}) does not allow this`);
}

/** 409 for changes to a document in the trash (restore it first). */
export function refuseTrashed(doc: { deletedAt: number | null }): void {
  if (doc.deletedAt !== null) throw new ApiError(409, 'document_trashed', 'this document is in the trash; restore it first');
}
