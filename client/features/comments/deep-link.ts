/**
 * Links to an exact place in a document, as the inbox and the emails make them:
 * `?thread=<id>&comment=<id>` opens the comments panel on that thread (the panel scrolls to the
 * comment), `?mention=<mentionId>` selects that mention node in the text and scrolls to it. The text
 * and the comments arrive after the editor is ready, so both wait for the target to appear.
 */
import type { Editor } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import { MENTION_NODE } from '../../../shared/editor/mention.js';
import type { DocumentContext } from '../../editor/document-plugins';
import { commentsSession } from './session';

export interface DeepLink {
  thread: string | null;
  comment: string | null;
  mention: string | null;
}

export function readDeepLink(search: string): DeepLink {
  const params = new URLSearchParams(search);
  return { thread: params.get('thread'), comment: params.get('comment'), mention: params.get('mention') };
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

export function followDeepLink(editor: Editor, context: DocumentContext): void {
  const link = readDeepLink(location.search);
  if (link.thread) {
    context.openPanel('comments');
    commentsSession(editor, context.docId).setActiveThread(link.thread);
  }
  const mentionId = link.mention;
  if (!mentionId) return;
  const tryMention = () => {
    const pos = findMention(editor, mentionId);
    if (pos === null || editor.isDestroyed) return;
    editor.off('transaction', tryMention);
    editor.view.dispatch(editor.state.tr.setSelection(NodeSelection.create(editor.state.doc, pos)).scrollIntoView());
    const dom = editor.view.nodeDOM(pos);
    if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'center' });
  };
  editor.on('transaction', tryMention);
  tryMention();
}
