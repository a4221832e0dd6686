/** "N words changed since your last visit" in the document toolbar; it opens the Changes panel. */
import { Show, untrack, type Accessor } from 'solid-js';
import type { CatchUpView } from '../../../shared/api/catch-up.js';
import type { DocumentContext } from '../../editor/document-plugins';
import { readyEditor } from '../../editor/ready';
import { catchUpOf } from './session';
import './catch-up.css';

function Chip(props: { catchUp: Accessor<CatchUpView | null | undefined>; open: () => void }) {
  const changed = () => {
    const view = props.catchUp();
    return view && view.lastVisitAt !== null ? view.insertions + view.deletions : 0;
  };
  // New suggestions are proposals, not changed words: named apart.
  const suggested = () => {
    const view = props.catchUp();
    return view && view.lastVisitAt !== null ? view.suggestions.length : 0;
  };
  const label = () =>
    [changed() > 0 ? `${changed()} words changed` : '', suggested() > 0 ? `${suggested()} new ${suggested() === 1 ? 'suggestion' : 'suggestions'}` : '']
      .filter(Boolean)
      .join(' · ');
  return (
    <Show when={changed() + suggested() > 0}>
      <button type="button" class="small changes-chip tool-status" onClick={() => props.open()}>
        {label()} since your last visit
      </button>
    </Show>
  );
}

/** The toolbar tool: shown once the document is ready and something changed while you were away. */
export function ChangesChip(props: { context: DocumentContext }) {
  return (
    <Show when={readyEditor(props.context)} keyed>
      {(editor) => {
        const catchUp = untrack(() => catchUpOf(editor, props.context.docId));
        return <Chip catchUp={catchUp} open={() => props.context.openPanel('changes')} />;
      }}
    </Show>
  );
}
