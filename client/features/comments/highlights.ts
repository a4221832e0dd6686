/**
 * Editor decorations for research features, added to a live editor with `registerPlugin`:
 * highlights of commented ranges, and a live word count on every heading (red past its limit).
 */
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { untrack } from 'solid-js';
import type { ThreadData } from '../../../shared/comments/threads.js';
import { resolveAnchor } from './anchors';
import { sectionsOf } from '../outline/sections';

/** Transaction meta that asks the comment highlights to redraw (threads changed, a thread was picked). */
export const commentsKey = new PluginKey<DecorationSet>('confer-comment-highlights');
export const wordLimitKey = new PluginKey<DecorationSet>('confer-word-limits');

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

function wordLimitDecorations(state: EditorState): DecorationSet {
  // Node attributes drawn by CSS (::after), not widgets: no text enters the editor's DOM, so copying,
  // selection and anything that reads the text see only the document.
  const decorations = sectionsOf(state.doc).map((section) =>
    Decoration.node(section.pos, section.end + 1, {
      class: section.over ? 'section-heading over-limit' : 'section-heading',
      'data-words': section.limit === null ? `${section.words} words` : `${section.words} / ${section.limit} words`,
    }),
  );
  return DecorationSet.create(state.doc, decorations);
}

/** Live per-section word counts after headings. */
export function wordLimits(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: wordLimitKey,
    state: {
      init: (_config, state) => wordLimitDecorations(state),
      apply: (tr, old, _before, state) => (tr.docChanged ? wordLimitDecorations(state) : old),
    },
    props: { decorations: (state) => wordLimitKey.getState(state) },
  });
}
