/** Export and import of documents as files. */
import { z } from 'zod';

/** Formats a document can be exported as. */
export const exportFormats = ['md', 'html', 'docx'] as const;

/** GET /api/documents/:id/export?format= */
export const exportQuery = z.object({
  format: z.enum(exportFormats, { error: `format must be one of ${exportFormats.join(', ')}` }).default('md'),
});
