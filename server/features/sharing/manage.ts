/** The check every change to a document's sharing starts with. */
import type { DocumentRecord } from '../../storage/documents.js';
import { documentOr404, refuseTrashed, requireCapability } from '../../http/access.js';
import type { SharingDeps } from './deps.js';

/**
 * The document, when the caller may share it: owners and editors of its group (never a guest, whatever
 * their role, so that who reads a group's document stays the group's decision). 404 without access,
 * 403 without the right, 409 in the trash.
 */
export async function shareableDocument(deps: Pick<SharingDeps, 'documents'>, docId: string, userId: string): Promise<DocumentRecord> {
  const { doc, role, guest } = await documentOr404(deps.documents, docId, userId);
  requireCapability(role, 'document.manage', guest);
  refuseTrashed(doc);
  return doc;
}
