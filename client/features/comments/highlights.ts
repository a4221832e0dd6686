/** Highlights of commented ranges: a decoration plugin, added to a live editor by the comments session. */
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { untrack } from 'solid-js';
import type { ThreadData } from '../../../shared/comments/threads.js';
import { resolveAnchor } from './anchors';

/** Transaction meta that asks the comment highlights to redraw (threads changed, a thread was picked). */
export const commentsKey = new PluginKey<DecorationSet>('confer-comment-highlights');

function commentDecorations(state: EditorState, threads: readonly ThreadData[], active: string | null): DecorationSet {
  const decorations: Decoration[] = [];
  for (const thread of threads) {
    if (thread.resolved) continue;
    const range = resolveAnchor(state, thread.anchor);
    if (!range) continue;
    const cls = thread.id === active ? 'comment-anchor active' : 'comment-anchor';
    decorations.push(Decoration.inline(range.from, range.to, { class: cls, 'data-thread-id': thread.id }));
  }
  return DecorationSet.create(state.doc, decorations);
}

/** Highlights of open threads; `threads` and `active` are read on every redraw. */
export function commentHighlights(threads: () => readonly ThreadData[], active: () => string | null): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: commentsKey,
    // Transactions can be dispatched inside a Solid effect: read the signals untracked.
    state: {
      init: (_config, state) => untrack(() => commentDecorations(state, threads(), active())),
      apply: (tr, old, _before, state) =>
        tr.docChanged || tr.getMeta(commentsKey) ? untrack(() => commentDecorations(state, threads(), active())) : old,
    },
    props: { decorations: (state) => commentsKey.getState(state) },
  });
}
