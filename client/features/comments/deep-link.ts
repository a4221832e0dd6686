/**
 * Links to an exact place in a document, as the inbox and the emails make them:
 * `?thread=<id>&comment=<id>` opens the comments panel on that thread (the panel scrolls to the
 * comment), `?mention=<mentionId>` selects that mention node in the text and scrolls to it,
 * `?suggestion=<id>` selects the text of that suggestion and scrolls to it. The text
 * and the comments arrive after the editor is ready, so both wait for the target to appear.
 */
import type { Editor } from '@tiptap/core';
import { NodeSelection, TextSelection } from '@tiptap/pm/state';
import { MENTION_NODE } from '../../../shared/editor/mention.js';
import { SUGGESTION_MARKS } from '../../../shared/editor/suggestion-ids.js';
import type { DocumentContext } from '../../editor/document-plugins';
import { commentsSession } from './session';

export interface DeepLink {
  thread: string | null;
  comment: string | null;
  mention: string | null;
  suggestion: string | null;
}

export function readDeepLink(search: string): DeepLink {
  const params = new URLSearchParams(search);
  return { thread: params.get('thread'), comment: params.get('comment'), mention: params.get('mention'), suggestion: params.get('suggestion') };
}

/** Position of the mention node whose mentionId is `mentionId`, or null. */
export function findMention(editor: Editor, mentionId: string): number | null {
  let found: number | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (found !== null) return false;
    if (node.type.name === MENTION_NODE && node.attrs['mentionId'] === mentionId) found = pos;
    return found === null;
  });
  return found;
}

/** The range of text carrying a suggestion mark with id `suggestionId`, or null. */
export function findSuggestion(editor: Editor, suggestionId: string): { from: number; to: number } | null {
  let from = -1;
  let to = -1;
  editor.state.doc.descendants((node, pos) => {
    if (!node.isText) return true;
    const marked = node.marks.some((m) => (SUGGESTION_MARKS as readonly string[]).includes(m.type.name) && m.attrs['id'] === suggestionId);
    if (marked) {
      if (from < 0) from = pos;
      to = pos + node.nodeSize;
    }
    return false;
  });
  return from < 0 ? null : { from, to };
}

/** Selects the suggestion's text once it arrives and scrolls to it (once), until the reader acts. */
function followSuggestion(editor: Editor, suggestionId: string): void {
  let scrolled = false;
  const trySuggestion = () => {
    const range = findSuggestion(editor, suggestionId);
    if (range === null || editor.isDestroyed) return;
    const selection = editor.state.selection;
    if (selection.from === range.from && selection.to === range.to) return;
    editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, range.from, range.to)));
    if (scrolled) return;
    scrolled = true;
    const dom = editor.view.domAtPos(range.from).node;
    (dom instanceof HTMLElement ? dom : dom.parentElement)?.scrollIntoView({ block: 'center' });
  };
  const stop = () => {
    editor.off('transaction', trySuggestion);
    editor.view.dom.removeEventListener('pointerdown', stop);
    editor.view.dom.removeEventListener('keydown', stop);
  };
  editor.view.dom.addEventListener('pointerdown', stop);
  editor.view.dom.addEventListener('keydown', stop);
  editor.on('destroy', stop);
  editor.on('transaction', trySuggestion);
  trySuggestion();
}

export function followDeepLink(editor: Editor, context: DocumentContext): void {
  const link = readDeepLink(location.search);
  if (link.thread) {
    context.openPanel('comments');
    commentsSession(editor, context.docId).setActiveThread(link.thread);
  }
  if (link.suggestion) followSuggestion(editor, link.suggestion);
  const mentionId = link.mention;
  if (!mentionId) return;
  // A copy kept in this browser shows the mention before the server's state arrives, and the sync that
  // follows rebuilds the text and drops the selection: keep the mention selected until the reader acts.
  let scrolled = false;
  const tryMention = () => {
    const pos = findMention(editor, mentionId);
    if (pos === null || editor.isDestroyed) return;
    const selection = editor.state.selection;
    if (selection instanceof NodeSelection && selection.from === pos) return;
    editor.view.dispatch(editor.state.tr.setSelection(NodeSelection.create(editor.state.doc, pos)));
    if (scrolled) return;
    scrolled = true;
    const dom = editor.view.nodeDOM(pos);
    if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'center' });
  };
  const stop = () => {
    editor.off('transaction', tryMention);
    editor.view.dom.removeEventListener('pointerdown', stop);
    editor.view.dom.removeEventListener('keydown', stop);
  };
  editor.view.dom.addEventListener('pointerdown', stop);
  editor.view.dom.addEventListener('keydown', stop);
  editor.on('destroy', stop);
  editor.on('transaction', tryMention);
  tryMention();
}
