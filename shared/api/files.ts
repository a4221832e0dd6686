/** Files of documents (the images of figures). */

/** Where a document's stored file is served; the only image source a figure may hold (shared/editor/figure.ts). */
export function fileUrl(docId: string, fileId: string): string {
  return `/api/documents/${docId}/files/${fileId}`;
}

/** A file's id: SHA-256 of its bytes, lower-case hex. */
export const FILE_ID_PATTERN = /^[0-9a-f]{64}$/;

/** POST /api/documents/:id/files (multipart `file`) answers 201 with this. */
export interface UploadedFileView {
  id: string;
  /** The address to put in a figure. */
  url: string;
  contentType: string;
  byteSize: number;
}
