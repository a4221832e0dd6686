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

/** A file-system-safe base name for a title ("Grant: Phase 2/3" → "Grant- Phase 2-3"). */
export function fileBaseName(title: string): string {
  // Control characters are exactly what must go from a file name.
  // eslint-disable-next-line no-control-regex
  const base = title.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-').replace(/\s+/g, ' ').trim().slice(0, 100);
  return base.replace(/^[.-]+/, '') || 'document';
}
