/** Documents of a working group: create, list, rename, trash and restore. */
import { z } from 'zod';
import { TEMPLATE_IDS, type TemplateId } from '../templates/index.js';
import { text } from './fields.js';
import type { PersonView } from './people.js';

/** Templates a document can start from (seeded on the server, never on the client). */
export const documentTemplates = TEMPLATE_IDS;
export type DocumentTemplate = TemplateId;

export const createDocumentInput = z.object({
  title: text('title', 200),
  template: z.enum(documentTemplates, { error: `template must be one of ${documentTemplates.join(', ')}` }).default('blank'),
});
export type CreateDocumentInput = z.input<typeof createDocumentInput>;

export const renameDocumentInput = z.object({ title: text('title', 200) });
export type RenameDocumentInput = z.input<typeof renameDocumentInput>;

export interface DocumentView {
  id: string;
  workspaceId: string;
  title: string;
  template: DocumentTemplate;
  createdAt: number;
  /** The latest change: a committed edit of the text (debounced by a few seconds) or of the metadata. */
  updatedAt: number;
  /** Who made that change (several people for a burst of edits); empty when unknown. */
  changedBy: PersonView[];
  /** Set while the document is in the trash. */
  deletedAt: number | null;
}

/** GET /api/workspaces/:id/documents?trashed=1: the trash instead of the live documents. */
export const listDocumentsQuery = z.object({
  trashed: z
    .enum(['1', 'true', '0', 'false'], { error: 'trashed must be 1 or 0' })
    .optional()
    .transform((v) => v === '1' || v === 'true'),
});
