/**
 * Accept or reject suggestions in bulk, for owners and editors: those in the selection (when there is
 * one), else all. Ordinary, undoable edits (the library's commands).
 */
import type { Editor } from '@tiptap/core';
import { applySuggestions, applySuggestionsInRange, revertSuggestions, revertSuggestionsInRange } from '@handlewithcare/prosemirror-suggest-changes';
import { Show, type Accessor } from 'solid-js';

export function ReviewAll(props: { editor: Accessor<Editor | undefined>; canReview: Accessor<boolean> }) {
  const run = (all: typeof applySuggestions, inRange: typeof applySuggestionsInRange) => {
    const editor = props.editor();
    if (!editor) return;
    const { from, to, empty } = editor.state.selection;
    (empty ? all : inRange(from, to))(editor.state, editor.view.dispatch);
  };
  return (
    <Show when={props.canReview()}>
      <span class="review-all">
        <button type="button" onClick={() => run(applySuggestions, applySuggestionsInRange)} title="Accept the suggestions in the selection, or every suggestion without one">
          Accept all
        </button>
        <button type="button" onClick={() => run(revertSuggestions, revertSuggestionsInRange)} title="Reject the suggestions in the selection, or every suggestion without one">
          Reject all
        </button>
      </span>
    </Show>
  );
}
