/**
 * A live word count after every heading, red past the section's limit: a decoration plugin added to
 * a live editor once it is ready (the registry lists it), so counts show whether or not the outline
 * panel is open.
 */
import type { Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { sectionsOf } from './sections';
import './outline.css';

const wordLimitKey = new PluginKey<DecorationSet>('confer-word-limits');

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
function wordLimits(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: wordLimitKey,
    state: {
      init: (_config, state) => wordLimitDecorations(state),
      apply: (tr, old, _before, state) => (tr.docChanged ? wordLimitDecorations(state) : old),
    },
    props: { decorations: (state) => wordLimitKey.getState(state) },
  });
}

/** Adds the word counts to `editor`, once. */
export function showWordLimits(editor: Editor): void {
  if (!wordLimitKey.get(editor.state)) editor.registerPlugin(wordLimits());
}
