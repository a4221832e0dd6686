/**
 * The comment threads of a DOCX export: each thread of the comments document with its anchor
 * resolved to ProseMirror positions in the body (y-tiptap's own mapping, as the editor resolves
 * them), and its comments under the server's names for their authors. Threads whose text is gone
 * keep a null range: the export attaches them to the start of the document.
 */
import { initProseMirrorDoc, relativePositionToAbsolutePosition } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { namesById, withServerNames } from '../../shared/comments/authors.js';
import { readThreads, type CommentEntry } from '../../shared/comments/threads.js';
import { DOCUMENT_FRAGMENT } from '../../shared/editor/extensions.js';
import { documentSchema } from './schema.js';

export interface ExportThread {
  /** The commented range in the body, or null when its text is gone. */
  range: { from: number; to: number } | null;
  resolved: boolean;
  /** The opening comment first, then the replies. */
  comments: CommentEntry[];
}

function resolve(doc: Y.Doc, fragment: Y.XmlFragment, json: unknown, mapping: Map<unknown, unknown>): number | null {
  if (typeof json !== 'object' || json === null) return null;
  try {
    return relativePositionToAbsolutePosition(doc, fragment, Y.createRelativePositionFromJSON(json), mapping as never);
  } catch {
    return null;
  }
}

/** The threads of `comments` (an encoded comments document) anchored in `body` (an encoded document). */
export function exportThreads(body: Uint8Array, comments: Uint8Array, names: Record<string, string>): ExportThread[] {
  const bodyDoc = new Y.Doc();
  const commentsDoc = new Y.Doc();
  try {
    Y.applyUpdate(bodyDoc, body);
    Y.applyUpdate(commentsDoc, comments);
    const fragment = bodyDoc.getXmlFragment(DOCUMENT_FRAGMENT);
    const { mapping } = initProseMirrorDoc(fragment, documentSchema);
    const known = namesById(Object.entries(names).map(([id, name]) => ({ id, name })));
    return readThreads(commentsDoc)
      .filter((thread) => thread.comments.length > 0)
      .map((raw) => {
        const thread = withServerNames(raw, known);
        const from = resolve(bodyDoc, fragment, thread.anchor.start, mapping);
        const to = resolve(bodyDoc, fragment, thread.anchor.end, mapping);
        return { range: from !== null && to !== null && to > from ? { from, to } : null, resolved: thread.resolved, comments: thread.comments };
      });
  } finally {
    bodyDoc.destroy();
    commentsDoc.destroy();
  }
}
