/** Highlights of commented ranges: a decoration plugin, added to a live editor by the comments session. */
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { untrack } from 'solid-js';
import type { ThreadData } from '../../../shared/comments/threads.js';
import { resolveAnchor } from './anchors';

/** Transaction meta that asks the comment highlights to redraw (threads changed, a thread was picked). */
export const commentsKey = new PluginKey<DecorationSet>('confer-comment-highlights');

function commentDecorations(state: EditorState, threads: readonly ThreadData[], active: string | null, drafting: boolean): DecorationSet {
  const decorations: Decoration[] = [];
  // While a comment is being written the focus is in the panel, so the browser no longer paints the
  // editor's selection: draw it ourselves, so the writer still sees what the comment is about.
  const { from, to } = state.selection;
  if (drafting && to > from) decorations.push(Decoration.inline(from, to, { class: 'comment-draft' }));
  for (const thread of threads) {
    if (thread.resolved) continue;
    const range = resolveAnchor(state, thread.anchor);
    if (!range) continue;
    const cls = thread.id === active ? 'comment-anchor active' : 'comment-anchor';
    decorations.push(Decoration.inline(range.from, range.to, { class: cls, 'data-thread-id': thread.id }));
  }
  return DecorationSet.create(state.doc, decorations);
}

/**
 * Highlights of open threads, and of the selected text while a new comment on it is being written;
 * `threads`, `active` and `drafting` are read on every redraw.
 */
export function commentHighlights(threads: () => readonly ThreadData[], active: () => string | null, drafting: () => boolean): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: commentsKey,
    // Transactions can be dispatched inside a Solid effect: read the signals untracked.
    state: {
      init: (_config, state) => untrack(() => commentDecorations(state, threads(), active(), drafting())),
      apply: (tr, old, _before, state) =>
        tr.docChanged || tr.getMeta(commentsKey) || (tr.selectionSet && untrack(drafting))
          ? untrack(() => commentDecorations(state, threads(), active(), drafting()))
          : old,
    },
    props: { decorations: (state) => commentsKey.getState(state) },
  });
}
