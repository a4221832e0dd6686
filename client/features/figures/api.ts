/** Typed calls of the files feature: the images of figures. */
import type { UploadedFileView } from '../../../shared/api/files.js';
import { upload } from '../../lib/api';

export const filesApi = {
  /** Stores an image in the document's files; the server sniffs its type and refuses SVG. */
  upload: async (docId: string, file: Blob, name = 'image'): Promise<UploadedFileView> => {
    const form = new FormData();
    form.set('file', file, name);
    return (await upload<{ file: UploadedFileView }>(`/api/documents/${encodeURIComponent(docId)}/files`, form)).file;
  },
};
