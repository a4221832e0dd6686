/** Seeds a new document from a template, on the server, before anyone joins. */
import { templateContent, type TemplateId } from '../../shared/templates/index.js';
import { jsonToUpdate } from './ydoc.js';

/**
 * A Yjs update (Y.encodeStateAsUpdate of a fresh doc) holding the template's content in the
 * DOCUMENT_FRAGMENT. Store it as the new document's first snapshot or log entry; every client
 * then syncs the same items instead of inserting its own copy. The first heading reads `title`.
 */
export function seedDocument(templateId: TemplateId, title?: string): Uint8Array {
  return jsonToUpdate(templateContent(templateId, title));
}
