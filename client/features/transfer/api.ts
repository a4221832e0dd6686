/** Export and import: download addresses for a document, and uploading a file as a new document. */
import type { DocumentView } from '../../../shared/api/documents.js';
import { seg, upload } from '../../lib/api';

import type { DownloadFormat, PaperSizeName, SuggestionExportMode } from '../../../shared/api/transfer';

/** The formats a document exports to. */
export type ExportFormat = DownloadFormat;

export const transferApi = {
  /**
   * A plain link: the browser downloads the file itself (with the session cookie). `suggestions`
   * (PDF, Markdown, HTML) marks them in the text instead of showing the text as if all were accepted.
   */
  exportUrl: (docId: string, format: ExportFormat, paper?: PaperSizeName, suggestions?: SuggestionExportMode) =>
    `/api/documents/${seg(docId)}/export?format=${format}${paper ? `&paper=${paper}` : ''}${suggestions === 'marked' ? '&suggestions=marked' : ''}`,
  /** Uploads a .md or .docx file as a new document of the workspace. */
  importFile: (workspaceId: string, file: File) => {
    const form = new FormData();
    form.set('file', file);
    return upload<{ document: DocumentView }>(`/api/workspaces/${seg(workspaceId)}/import`, form);
  },
};
