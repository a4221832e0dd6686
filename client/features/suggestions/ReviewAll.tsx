/**
 * Accept or reject suggestions in bulk, for owners and editors: those the selection touches (when
 * there is one), else all. Ordinary, undoable edits (the library's commands).
 */
import type { Editor } from '@tiptap/core';
import { applySuggestion, applySuggestions, revertSuggestion, revertSuggestions } from '@handlewithcare/prosemirror-suggest-changes';
import { Show, type Accessor } from 'solid-js';
import { suggestionsOf } from './list';

export function ReviewAll(props: { editor: Accessor<Editor | undefined>; canReview: Accessor<boolean> }) {
  const run = (all: typeof applySuggestions, one: typeof applySuggestion) => {
    const editor = props.editor();
    if (!editor) return;
    const { from, to, empty } = editor.state.selection;
    if (empty) return all(editor.state, editor.view.dispatch);
    // Every suggestion the selection touches, whole (one command each, on the state the last one left).
    for (const item of suggestionsOf(editor.state.doc)) if (item.from < to && item.to > from) one(item.id)(editor.state, editor.view.dispatch);
    return true;
  };
  return (
    <Show when={props.canReview()}>
      <span class="review-all">
        <button type="button" onClick={() => run(applySuggestions, applySuggestion)} title="Accept the suggestions in the selection, or every suggestion without one">
          Accept all
        </button>
        <button type="button" onClick={() => run(revertSuggestions, revertSuggestion)} title="Reject the suggestions in the selection, or every suggestion without one">
          Reject all
        </button>
      </span>
    </Show>
  );
}
