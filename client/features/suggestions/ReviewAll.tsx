/** Accept all and Reject all suggestions, for owners and editors (ordinary, undoable edits). */
import type { Editor } from '@tiptap/core';
import { applySuggestions, revertSuggestions } from '@handlewithcare/prosemirror-suggest-changes';
import { Show, type Accessor } from 'solid-js';

export function ReviewAll(props: { editor: Accessor<Editor | undefined>; canReview: Accessor<boolean> }) {
  const run = (command: typeof applySuggestions) => {
    const editor = props.editor();
    if (editor) command(editor.state, editor.view.dispatch);
  };
  return (
    <Show when={props.canReview()}>
      <span class="review-all">
        <button type="button" onClick={() => run(applySuggestions)} title="Accept every suggestion in the document">
          Accept all
        </button>
        <button type="button" onClick={() => run(revertSuggestions)} title="Reject every suggestion in the document">
          Reject all
        </button>
      </span>
    </Show>
  );
}
