/**
 * The outline (table of contents): every heading with its section's word count, red past its limit.
 * Writers set or clear a heading's word limit here; the limit is a schema attribute, so it is shared
 * live and kept in versions and exports.
 */
import type { Editor } from '@tiptap/core';
import { createSignal, Index, onCleanup, Show } from 'solid-js';
import { MAX_WORD_LIMIT, normaliseWordLimit } from '../../../shared/editor/heading.js';
import type { DocumentContext } from '../../editor/document-plugins';
import { sectionsOf, type Section } from './sections';
import '../panels.css';
import './outline.css';

// Index, not For: every edit re-counts the sections, and a limit input being typed in must keep its focus.
function Outline(props: { editor: Editor; readOnly: boolean }) {
  const [sections, setSections] = createSignal<Section[]>(sectionsOf(props.editor.state.doc));
  const update = () => setSections(sectionsOf(props.editor.state.doc));
  props.editor.on('update', update);
  props.editor.on('transaction', update);
  onCleanup(() => {
    props.editor.off('update', update);
    props.editor.off('transaction', update);
  });

  const setLimit = (section: Section, value: string) => {
    const limit = value.trim() === '' ? null : normaliseWordLimit(value);
    if (value.trim() !== '' && limit === null) return;
    const { state, view } = props.editor;
    const node = state.doc.nodeAt(section.pos);
    if (!node || node.type.name !== 'heading') return;
    view.dispatch(state.tr.setNodeMarkup(section.pos, undefined, { ...node.attrs, wordLimit: limit }));
  };
  const jump = (section: Section) => {
    props.editor.chain().setTextSelection(section.pos + 1).scrollIntoView().run();
  };

  return (
    <section class="feature-panel outline-panel" aria-label="Outline">
      <ol class="outline-list">
        <Index each={sections()} fallback={<li class="muted small-text">Headings appear here, each with its section’s word count.</li>}>
          {(section) => (
            <li class={`outline-item level-${section().level}`} classList={{ 'over-limit': section().over }} data-section={section().title}>
              <button type="button" class="ghost outline-title" onClick={() => jump(section())}>
                {section().title || '(untitled heading)'}
              </button>
              <span class="outline-count" aria-label={section().limit ? `${section().words} of ${section().limit} words` : `${section().words} words`}>
                {section().words}
                <Show when={section().limit}>{(limit) => <> / {limit()}</>}</Show>
              </span>
              <Show when={!props.readOnly}>
                <input
                  class="limit-input"
                  type="number"
                  min="1"
                  max={MAX_WORD_LIMIT}
                  placeholder="limit"
                  aria-label={`Word limit for ${section().title || 'this section'}`}
                  value={section().limit ?? ''}
                  onChange={(e) => setLimit(section(), e.currentTarget.value)}
                />
              </Show>
            </li>
          )}
        </Index>
      </ol>
    </section>
  );
}

/** The "Outline" side panel. */
export function OutlinePanel(props: { context: DocumentContext }) {
  return (
    <Show when={props.context.editor()} keyed fallback={<p class="muted">Loading…</p>}>
      {(editor) => <Outline editor={editor} readOnly={props.context.readOnly()} />}
    </Show>
  );
}
