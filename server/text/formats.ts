/** The file formats of export and import, light enough for the routes to load at start-up. */
import { exportFormats } from '../../shared/api/transfer.js';

/** Export formats of `GET /api/documents/:id/export?format=` (the schema lives in shared/api/transfer.ts). */
export const EXPORT_FORMATS = exportFormats;

/** One of EXPORT_FORMATS. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Import kinds, chosen by the caller from the file name or media type. */
export type ImportKind = 'md' | 'docx';

/** Which importer a file name calls for, or null when neither fits. */
export function importKindOf(fileName: string): ImportKind | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'md' || ext === 'markdown' || ext === 'txt') return 'md';
  return ext === 'docx' ? 'docx' : null;
}
