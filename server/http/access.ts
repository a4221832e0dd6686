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

/** A document and the caller's role in its workspace, or 404 for both "missing" and "not yours". */
export async function documentOr404(
  documents: Pick<DocumentMetaStore, 'withRole'>,
  docId: string,
  userId: string,
): Promise<{ doc: DocumentRecord; role: Role }> {
  const found = await documents.withRole(docId, userId);
  if (!found) throw new ApiError(404, 'not_found', 'no such document');
  return found;
}

/** 403 unless `role` carries `capability`. */
export function requireCapability(role: Role, capability: Capability): void {
  if (!can(role, capability)) throw new ApiError(403, 'forbidden', `your role (${role}) does not allow this`);
}

/** 409 for changes to a document in the trash (restore it first). */
export function refuseTrashed(doc: { deletedAt: number | null }): void {
  if (doc.deletedAt !== null) throw new ApiError(409, 'document_trashed', 'this document is in the trash; restore it first');
}
