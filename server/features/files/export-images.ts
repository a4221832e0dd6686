/** The stored images a document's figures show, for an export that carries them inside the file. */
import { figureFilesIn, type ExportImages } from '../../text/figures.js';
import type { FileStore } from './file-store.js';

/** Images of `docId` named by its encoded state (files of other documents are never read). */
export async function exportImagesOf(files: Pick<FileStore, 'get'>, docId: string, state: Uint8Array): Promise<ExportImages> {
  const images: Record<string, { contentType: string; bytes: Uint8Array }> = {};
  for (const id of figureFilesIn(state, docId)) {
    const file = await files.get(docId, id);
    if (file) images[id] = { contentType: file.contentType, bytes: file.bytes };
  }
  return images;
}
