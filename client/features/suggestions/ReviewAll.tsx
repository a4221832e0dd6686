/**
 * Accept or reject suggestions in bulk, for owners and editors: those the selection touches (when
 * there is one), else all. Ordinary, undoable edits (the library's commands).
 */
import type { Editor } from '@tiptap/core';
import { reviewAllSuggestions, reviewSuggestion } from '../../../shared/editor/review-suggestion.js';
import { Show, type Accessor } from 'solid-js';
import { suggestionsOf } from './list';

export function ReviewAll(props: { editor: Accessor<Editor | undefined>; canReview: Accessor<boolean> }) {
  const run = (accept: boolean) => {
    const editor = props.editor();
    if (!editor) return;
    const dispatch = (tr: ReturnType<typeof reviewSuggestion>) => tr && editor.view.dispatch(tr);
    const { from, to, empty } = editor.state.selection;
    if (empty) return dispatch(reviewAllSuggestions(editor.state, accept));
    // Every suggestion the selection touches, whole (one edit each, on the state the last one left).
    for (const item of suggestionsOf(editor.state.doc)) if (item.from < to && item.to > from) dispatch(reviewSuggestion(editor.state, item.id, accept));
  };
  return (
    <Show when={props.canReview()}>
      <span class="review-all">
        <button type="button" onClick={() => run(true)} title="Accept the suggestions in the selection, or every suggestion without one">
          Accept all
        </button>
        <button type="button" onClick={() => run(false)} title="Reject the suggestions in the selection, or every suggestion without one">
          Reject all
        </button>
      </span>
    </Show>
  );
}
