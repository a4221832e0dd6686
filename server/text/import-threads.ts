/**
 * A new document made from a .docx with tracked changes or comments: the body's Yjs update, and a
 * comments document in which each imported suggestion has its reply thread (keyed `suggestion-<id>`,
 * as the review panel keys them) opened by a note naming the change's author in the file and its
 * date, and each Word comment is a thread (or, when the file says which comment it answers, a reply)
 * anchored on the text it covered. Suggestion ids and comment authors must be the importer (the
 * server's guards), so the original author and date live on in the text. Both are made from one
 * Y.Doc: the threads' anchors point at its items.
 */
import type { JSONContent } from '@tiptap/core';
import { absolutePositionToRelativePosition, updateYFragment } from '@tiptap/y-tiptap';
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { addReply, addThread, MAX_COMMENT_LENGTH, setResolved, type CommentAuthor, type CommentEntry } from '../../shared/comments/threads.js';
import { DOCUMENT_FRAGMENT } from '../../shared/editor/extensions.js';
import { BLOCK_SUGGESTION_ATTR, blockSuggestionOf } from '../../shared/editor/suggestion-ids.js';
import type { ImportedSuggestion } from './docx-tracked.js';
import type { WordComment } from './docx-comments.js';
import { toDocumentNode } from './schema.js';

/** The review panel's thread id for a suggestion (client/features/suggestions/SuggestionsPanel.tsx). */
const suggestionThreadId = (suggestionId: string) => `suggestion-${suggestionId}`;

/** A block as a note names it. */
interface BlockOf {
  type: string;
  attrs: Record<string, unknown>;
}

interface SuggestionRange {
  from: number;
  to: number;
  inserted: string;
  deleted: string;
  /** A block suggestion's block (its range is the block's text, which its own text marks do not add to). */
  block?: BlockOf;
}

/** Each suggestion's range in `node`, by id, with the text it inserts and the text it deletes. */
function rangesOf(node: ReturnType<typeof toDocumentNode>): Map<string, SuggestionRange> {
  const ranges = new Map<string, SuggestionRange>();
  node.descendants((child, pos) => {
    if (!child.isText) {
      const suggestion = child.isInline ? null : blockSuggestionOf(child.attrs[BLOCK_SUGGESTION_ATTR]);
      if (suggestion && !ranges.has(suggestion.id)) {
        // Inside the block when it holds text (the thread's anchor is on its text), around it when it is a leaf.
        const [from, to] = child.isLeaf ? [pos, pos + child.nodeSize] : [pos + 1, pos + 1 + child.content.size];
        const text = child.textContent;
        ranges.set(suggestion.id, { from, to, inserted: suggestion.kind === 'deletion' ? '' : text, deleted: suggestion.kind === 'deletion' ? text : '', block: { type: child.type.name, attrs: child.attrs } });
      }
      return true;
    }
    for (const mark of child.marks) {
      if (mark.type.name !== 'insertion' && mark.type.name !== 'deletion') continue;
      const id = String(mark.attrs.id);
      if (ranges.get(id)?.block) continue;
      const range = ranges.get(id) ?? { from: pos, to: pos, inserted: '', deleted: '' };
      range.to = pos + child.nodeSize;
      if (mark.type.name === 'insertion') range.inserted += child.text ?? '';
      else range.deleted += child.text ?? '';
      ranges.set(id, range);
    }
    return false;
  });
  return ranges;
}

/** The text a suggestion is about: what it inserts (a formatting suggestion: the text in its new form), or what it deletes. */
const textOf = (suggestion: ImportedSuggestion, range: { inserted: string; deleted: string }) =>
  suggestion.kind === 'insertion' || suggestion.formatting ? range.inserted : range.deleted;

/** How a note names a block: "paragraph", "heading 2", "code block". */
function blockName(type: string, attrs: Record<string, unknown>): string {
  if (type === 'heading') return `heading ${String(attrs.level)}`;
  return type.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
}

/** What the note says the change did, before the quoted text. */
function changeVerb(suggestion: ImportedSuggestion, block: BlockOf | undefined): string {
  if (suggestion.block?.kind === 'type' && suggestion.block.from && block) {
    return `made a ${blockName(suggestion.block.from.type, suggestion.block.from.attrs)} a ${blockName(block.type, block.attrs)}:`;
  }
  if (suggestion.block) return `${suggestion.block.kind === 'insertion' ? 'inserted' : 'deleted'} the ${block ? blockName(block.type, block.attrs) : 'block'}`;
  return suggestion.formatting ? 'changed the formatting of' : suggestion.kind === 'insertion' ? 'inserted' : 'deleted';
}

function note(suggestion: ImportedSuggestion, text: string, block?: BlockOf): string {
  const what = changeVerb(suggestion, block);
  const when = suggestion.date ? ` on ${suggestion.date}` : '';
  const quoted = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return `Tracked change imported from Word: ${suggestion.author || 'an unnamed author'} ${what} “${quoted}”${when}.`;
}

/** A Word comment placed in the imported document: its range in ProseMirror positions, or null when its text is gone. */
export interface ImportedComment extends WordComment {
  range: { from: number; to: number } | null;
}

/** A Word comment's text in Confer: who wrote it in the file and when, then what they wrote. */
function commentBody(comment: WordComment): string {
  const when = comment.date ? ` on ${comment.date}` : '';
  return `Word comment by ${comment.author || 'an unnamed author'}${when}:\n${comment.text}`.slice(0, MAX_COMMENT_LENGTH);
}

/** The body update and (when there are suggestions or comments) the comments document update of an imported file. */
export function importedState(
  json: JSONContent,
  suggestions: readonly ImportedSuggestion[],
  importer: CommentAuthor,
  at: number,
  wordComments: readonly ImportedComment[] = [],
): { update: Uint8Array; comments: Uint8Array | null } {
  // Only the author's fields go into the comments document (callers may pass a wider object).
  const author: CommentAuthor = { id: importer.id, name: importer.name };
  const body = new Y.Doc();
  const comments = new Y.Doc();
  try {
    const node = toDocumentNode(json);
    const fragment = body.getXmlFragment(DOCUMENT_FRAGMENT);
    const mapping = new Map();
    body.transact(() => updateYFragment(body, fragment, node, { mapping, isOMark: new Map() }));
    const anchorOf = (range: { from: number; to: number } | null) =>
      range
        ? {
            start: Y.relativePositionToJSON(absolutePositionToRelativePosition(range.from, fragment, mapping) as Y.RelativePosition),
            end: Y.relativePositionToJSON(absolutePositionToRelativePosition(range.to, fragment, mapping) as Y.RelativePosition),
          }
        : // Text Word commented on that did not come through: the thread stays, orphaned, with the file's words.
          { start: null, end: null };
    const ranges = rangesOf(node);
    for (const suggestion of suggestions) {
      const range = ranges.get(suggestion.id);
      if (!range) continue;
      const anchor = anchorOf(range);
      const text = textOf(suggestion, range);
      const entry = { id: randomBytes(9).toString('base64url'), author, body: note(suggestion, text, range.block), mentions: [], createdAt: at };
      addThread(comments, { id: suggestionThreadId(suggestion.id), anchor, quote: text.slice(0, 300), createdBy: author, createdAt: at }, entry);
    }
    const threadOf = new Map<string, string>();
    // Threads first, then replies, so a reply before its thread in the file still finds it.
    const ordered = [...wordComments.filter((c) => c.parentId === null), ...wordComments.filter((c) => c.parentId !== null)];
    for (const comment of ordered) {
      const entry: CommentEntry = { id: randomBytes(9).toString('base64url'), author, body: commentBody(comment), mentions: [], createdAt: at };
      const parentThread = comment.parentId === null ? undefined : threadOf.get(comment.parentId);
      if (parentThread && addReply(comments, parentThread, entry)) continue;
      const threadId = randomBytes(9).toString('base64url');
      const quote = comment.range ? node.textBetween(comment.range.from, comment.range.to, ' ', ' ').slice(0, 300) : '';
      addThread(comments, { id: threadId, anchor: anchorOf(comment.range), quote, createdBy: author, createdAt: at }, entry);
      threadOf.set(comment.id, threadId);
    }
    for (const comment of wordComments) {
      const threadId = threadOf.get(comment.id);
      if (threadId && comment.done) setResolved(comments, threadId, author, at);
    }
    const hasThreads = comments.getMap('threads').size > 0;
    return { update: Y.encodeStateAsUpdate(body), comments: hasThreads ? Y.encodeStateAsUpdate(comments) : null };
  } finally {
    body.destroy();
    comments.destroy();
  }
}
