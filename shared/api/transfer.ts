/** Export and import of documents as files. */
import { z } from 'zod';

/** Formats the conversion workers render from a document's state. */
export const exportFormats = ['md', 'html', 'docx'] as const;

/** Every format a document downloads as: the converted ones, and a PDF printed from the HTML export. */
export const downloadFormats = [...exportFormats, 'pdf'] as const;
export type DownloadFormat = (typeof downloadFormats)[number];

/** Paper sizes of the PDF export (the client picks Letter for the locales that use it). */
export const paperSizes = ['a4', 'letter'] as const;
export type PaperSizeName = (typeof paperSizes)[number];

/** How Markdown, HTML and PDF show suggestions: as if all were accepted (the default), or marked in the text. */
export const suggestionExportModes = ['accepted', 'marked'] as const;
export type SuggestionExportMode = (typeof suggestionExportModes)[number];

/** GET /api/documents/:id/export?format=&paper=&suggestions= */
export const exportQuery = z.object({
  format: z.enum(downloadFormats, { error: `format must be one of ${downloadFormats.join(', ')}` }).default('md'),
  paper: z.enum(paperSizes, { error: `paper must be one of ${paperSizes.join(', ')}` }).default('a4'),
  suggestions: z.enum(suggestionExportModes, { error: `suggestions must be one of ${suggestionExportModes.join(', ')}` }).default('accepted'),
});
