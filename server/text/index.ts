/**
 * The text layer: a document's rich text (Yjs, DOCUMENT_FRAGMENT) to and from ProseMirror JSON,
 * Markdown, HTML, DOCX and plain text, all with the shared schema. HTTP routes call `importFile`
 * and `exportFile`, which convert on a worker thread (conversions.ts); other features (versions,
 * diff, search) use the JSON helpers directly.
 */
export { applyJsonToDoc, docToJson, docToNode, jsonToUpdate, replaceContentUpdate } from './ydoc.js';
export { documentSchema, normaliseJson, toDocumentNode } from './schema.js';
export { fromMarkdown, toMarkdown } from './markdown.js';
export { fromHtml, toHtmlDocument, toHtmlFragment } from './html.js';
export { toDocx } from './docx-export.js';
export { fromDocx } from './docx-import.js';
export { toPlainText } from './plain.js';
export { seedDocument } from './seed.js';
export { titleFromJson } from './title.js';
export { ConversionUnavailableError, ImportError, MAX_IMPORT_BYTES, type ImportErrorCode } from './errors.js';
export { conversionLimits } from './limits.js';
export {
  EXPORT_FORMATS, exportDocument, fileBaseName, importDocument, importKindOf,
  type ExportedFile, type ExportFormat, type ImportedDocument, type ImportKind,
} from './convert.js';
export { exportFile, importFile } from './conversions.js';
