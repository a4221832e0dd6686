/**
 * The conversions themselves, in the calling thread: a document to an export file, an uploaded
 * file to a new document. The HTTP routes do not call these directly but through the conversion
 * pool (conversions.ts), which runs them on a worker thread; tests and the worker call them here.
 */
import type { JSONContent } from '@tiptap/core';
import type * as Y from 'yjs';
import { readDocx } from './docx-import.js';
import type { ImportedSuggestion } from './docx-tracked.js';
import { importedState, type ImportedComment } from './import-threads.js';
import { toDocx, type DocxReviewInput } from './docx-export.js';
import { exportThreads } from './docx-threads.js';
import type { ExportReview } from './export-review.js';
import { acceptedJson } from './suggestions-accepted.js';
import { markedBlocksJson } from './suggestions-marked.js';
import { checkDocumentSize, checkUpdateSize } from './document-limits.js';
import { ImportError, MAX_IMPORT_BYTES } from './errors.js';
import { ImportImages, type ImportedImage } from './import-images.js';
import type { ExportImages } from './figures.js';
import { toHtmlDocument } from './html.js';
import { fromMarkdown, toMarkdown } from './markdown.js';
import { titleFromJson } from './title.js';
import { docToJson, jsonToUpdate } from './ydoc.js';

import { fileBaseName, type ExportFormat, type ImportKind } from './formats.js';

export { EXPORT_FORMATS, fileBaseName, importKindOf, type ExportFormat, type ImportKind } from './formats.js';

/** A rendered export: bytes plus what the HTTP response needs. */
export interface ExportedFile {
  body: Uint8Array;
  contentType: string;
  /** File name for Content-Disposition, made from the title. */
  fileName: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Renders a document (a Y.Doc, its encoded state, or JSON) in one export format. */
export async function exportDocument(
  source: Y.Doc | Uint8Array | JSONContent,
  format: ExportFormat,
  title: string,
  images: ExportImages = {},
  review?: ExportReview,
): Promise<ExportedFile> {
  const marked = source instanceof Uint8Array || !('type' in source) ? docToJson(source as Y.Doc | Uint8Array) : source;
  const utf8 = (text: string) => new TextEncoder().encode(text);
  // Markdown and HTML read as if every suggestion were accepted unless the reader asks to see them.
  const mode = format === 'docx' ? 'docx' : (review?.suggestions ?? 'accepted');
  const json = mode === 'accepted' ? acceptedJson(marked) : mode === 'marked' ? markedBlocksJson(marked) : marked;
  const body =
    format === 'md'
      ? utf8(toMarkdown(json, images))
      : format === 'html'
        ? utf8(toHtmlDocument(json, { title, images }))
        : await toDocx(json, { title, images, review: docxReviewOf(source, review) });
  return { body, contentType: CONTENT_TYPES[format], fileName: `${fileBaseName(title)}.${format}` };
}

/** Threads and names for the DOCX export; threads only when the source is an encoded state they anchor in. */
function docxReviewOf(source: Y.Doc | Uint8Array | JSONContent, review: ExportReview | undefined): DocxReviewInput | undefined {
  if (!review) return undefined;
  const threads = review.comments && source instanceof Uint8Array ? exportThreads(source, review.comments, review.names) : [];
  return { threads, names: review.names, times: review.times, at: review.at };
}

/** Who imports a file, and when: their tracked changes' suggestions carry the id. */
export interface Importer {
  id: string;
  name: string;
  at: number;
}

/** A document made from an uploaded file. */
export interface ImportedDocument {
  json: JSONContent;
  /** Yjs update to store as the new document's initial state. */
  update: Uint8Array;
  /** From the first heading or line; callers fall back to the file name. */
  title: string | null;
  /** Pictures of the file, to store as the new document's files. */
  images: ImportedImage[];
  /** The new document's comments document (threads of imported suggestions and Word comments), or null when it has none. */
  comments: Uint8Array | null;
}


/**
 * Turns an uploaded Markdown or DOCX file into a new document, within the caps of limits.ts.
 * Throws ImportError on bad or oversized input.
 */
export async function importDocument(kind: ImportKind, bytes: Uint8Array, docId?: string, importer?: Importer): Promise<ImportedDocument> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new ImportError('too-large', `The file is larger than ${MAX_IMPORT_BYTES / (1024 * 1024)} MB.`);
  // Pictures become figures only when the new document's id is known (their sources name it).
  const images = docId ? new ImportImages(docId) : undefined;
  let json: JSONContent;
  let suggestions: ImportedSuggestion[] = [];
  let wordComments: ImportedComment[] = [];
  if (kind === 'md') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (cause) {
      throw new ImportError('unreadable', 'The Markdown file is not valid UTF-8 text.', { cause });
    }
    json = fromMarkdown(text.replace(/^\uFEFF/, ''), images);
  } else {
    // Tracked changes become the importer's suggestions (accepted when nobody is named), Word comments their threads.
    ({ json, suggestions, comments: wordComments } = await readDocx(bytes, images, importer?.id ?? null));
  }
  checkDocumentSize(json);
  const { update, comments } =
    importer && (suggestions.length > 0 || wordComments.length > 0)
      ? importedState(json, suggestions, importer, importer.at, wordComments)
      : { update: jsonToUpdate(json), comments: null };
  checkUpdateSize(update);
  if (comments) checkUpdateSize(comments);
  return { json, update, title: titleFromJson(json), images: images?.list() ?? [], comments };
}
