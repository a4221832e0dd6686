/**
 * A new document made from a .docx with tracked changes: the body's Yjs update, and a comments
 * document in which each imported suggestion has its reply thread (keyed `suggestion-<id>`, as the
 * review panel keys them) opened by a note naming the change's author in the file and its date.
 * Suggestion ids must carry the importer's id (the server's guard), so the original author lives
 * on in that note. Both are made from one Y.Doc: the threads' anchors point at its items.
 */
import type { JSONContent } from '@tiptap/core';
import { absolutePositionToRelativePosition, updateYFragment } from '@tiptap/y-tiptap';
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { addThread, type CommentAuthor } from '../../shared/comments/threads.js';
import { DOCUMENT_FRAGMENT } from '../../shared/editor/extensions.js';
import type { ImportedSuggestion } from './docx-tracked.js';
import { toDocumentNode } from './schema.js';

/** The review panel's thread id for a suggestion (client/features/suggestions/SuggestionsPanel.tsx). */
const suggestionThreadId = (suggestionId: string) => `suggestion-${suggestionId}`;

/** Each suggestion's range and text in `node`, by id. */
function rangesOf(node: ReturnType<typeof toDocumentNode>): Map<string, { from: number; to: number; text: string }> {
  const ranges = new Map<string, { from: number; to: number; text: string }>();
  node.descendants((child, pos) => {
    if (!child.isText) return true;
    for (const mark of child.marks) {
      if (mark.type.name !== 'insertion' && mark.type.name !== 'deletion') continue;
      const id = String(mark.attrs.id);
      const range = ranges.get(id);
      if (range) {
        range.to = pos + child.nodeSize;
        range.text += child.text ?? '';
      } else ranges.set(id, { from: pos, to: pos + child.nodeSize, text: child.text ?? '' });
    }
    return false;
  });
  return ranges;
}

function note(suggestion: ImportedSuggestion, text: string): string {
  const what = suggestion.kind === 'insertion' ? 'inserted' : 'deleted';
  const when = suggestion.date ? ` on ${suggestion.date}` : '';
  const quoted = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return `Tracked change imported from Word: ${suggestion.author || 'an unnamed author'} ${what} “${quoted}”${when}.`;
}

/** The body update and (when there are suggestions) the comments document update of an imported file. */
export function importedState(json: JSONContent, suggestions: readonly ImportedSuggestion[], importer: CommentAuthor, at: number): { update: Uint8Array; comments: Uint8Array | null } {
  const body = new Y.Doc();
  const comments = new Y.Doc();
  try {
    const node = toDocumentNode(json);
    const fragment = body.getXmlFragment(DOCUMENT_FRAGMENT);
    const mapping = new Map();
    body.transact(() => updateYFragment(body, fragment, node, { mapping, isOMark: new Map() }));
    const ranges = rangesOf(node);
    for (const suggestion of suggestions) {
      const range = ranges.get(suggestion.id);
      if (!range) continue;
      const anchor = {
        start: Y.relativePositionToJSON(absolutePositionToRelativePosition(range.from, fragment, mapping) as Y.RelativePosition),
        end: Y.relativePositionToJSON(absolutePositionToRelativePosition(range.to, fragment, mapping) as Y.RelativePosition),
      };
      const entry = { id: randomBytes(9).toString('base64url'), author: importer, body: note(suggestion, range.text), mentions: [], createdAt: at };
      addThread(comments, { id: suggestionThreadId(suggestion.id), anchor, quote: range.text.slice(0, 300), createdBy: importer, createdAt: at }, entry);
    }
    const hasThreads = comments.getMap('threads').size > 0;
    return { update: Y.encodeStateAsUpdate(body), comments: hasThreads ? Y.encodeStateAsUpdate(comments) : null };
  } finally {
    body.destroy();
    comments.destroy();
  }
}
