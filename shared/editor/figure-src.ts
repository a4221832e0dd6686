/**
 * What a figure may point at and how figures are numbered, without the editor: the server's export
 * path and routes use these without loading TipTap (shared/editor/figure.ts re-exports them).
 */

/** The only image sources a figure may hold: a document's own stored file, by its SHA-256. */
export const FIGURE_SRC = /^\/api\/documents\/[A-Za-z0-9_-]{1,128}\/files\/[0-9a-f]{64}$/;

/** True when `src` points at a stored file of a document (never a remote or data URL). */
export function isFigureSrc(src: unknown): src is string {
  return typeof src === 'string' && FIGURE_SRC.test(src);
}

/** Figure numbers by figure id, in document order: what "see Figure N" shows. */
export function figureNumbers(ids: readonly string[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const id of ids) if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
  return numbers;
}

/** The document and file a figure source points at, or null for anything that is not a figure source. */
export function figureSrcParts(src: unknown): { docId: string; fileId: string } | null {
  if (!isFigureSrc(src)) return null;
  const [, , , docId, , fileId] = src.split('/');
  return docId && fileId ? { docId, fileId } : null;
}
