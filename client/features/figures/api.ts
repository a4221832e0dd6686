/** Typed calls of the files feature: the images of figures. */
import type { CopyFileInput, UploadedFileView } from '../../../shared/api/files.js';
import { request, upload } from '../../lib/api';

export const filesApi = {
  /** Stores an image in the document's files; the server sniffs its type and refuses SVG. */
  upload: async (docId: string, file: Blob, name = 'image'): Promise<UploadedFileView> => {
    const form = new FormData();
    form.set('file', file, name);
    return (await upload<{ file: UploadedFileView }>(`/api/documents/${encodeURIComponent(docId)}/files`, form)).file;
  },
  /** Copies a file of another document (one the caller reads) into this one; answers the new file's address. */
  copy: async (docId: string, from: CopyFileInput): Promise<UploadedFileView> =>
    (await request<{ file: UploadedFileView }>('POST', `/api/documents/${encodeURIComponent(docId)}/files/copy`, from)).file,
};
