/** A document's metadata as the API shows it; every field listed explicitly. */
import type { DocumentView } from '../../../shared/api/documents.js';
import type { DocumentRecord } from '../../storage/documents.js';

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
