/**
 * The card over a suggestion in the text: who suggested it and when (the server's time of its first
 * commit, in the reader's time zone; a suggestion too new to be recorded shows no time), and for owners and editors Accept and
 * Reject. Accepting and rejecting are ordinary edits (the library's commands), so they are undoable
 * and recorded like any other change.
 */
import type { Editor } from '@tiptap/core';
import { createSignal, onCleanup, Show, createEffect, type Accessor } from 'solid-js';
import { browserTimeZone, formatDateTime } from '../../lib/time';
import { loadSuggestionTimes } from './times';
import { colorFor } from '../../../shared/colors.js';
import { reviewSuggestion } from '../../../shared/editor/review-suggestion.js';
import { suggestionAuthor } from '../../../shared/editor/suggestion-ids.js';

interface Shown {
  id: string;
  kind: string;
  top: number;
  left: number;
}

export function SuggestionCard(props: { docId: string; editor: Accessor<Editor | undefined>; canReview: Accessor<boolean>; nameOf: (userId: string) => string }) {
  const [shown, setShown] = createSignal<Shown | null>(null);
  const [times, setTimes] = createSignal<Map<string, number>>(new Map());
  // Asks the server again when the card opens on another suggestion it has no time for yet (not on
  // every pointer move over the same one: each move sets `shown` anew).
  let askedFor: string | null = null;
  createEffect(() => {
    const id = shown()?.id;
    if (!id || id === askedFor || times().has(id)) return;
    askedFor = id;
    loadSuggestionTimes(props.docId).then(setTimes, () => undefined);
  });
  let card: HTMLDivElement | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;

  createEffect(() => {
    const editor = props.editor();
    if (!editor) return;
    const dom = editor.view.dom;
    const over = (event: MouseEvent) => {
      const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-suggestion]');
      if (!target) return;
      clearTimeout(hideTimer);
      const rect = target.getBoundingClientRect();
      const block = target.dataset.blockSuggestion;
      const kind = block === 'insertion' || block === 'deletion' ? block : block === 'type' ? 'change' : target.closest('del') ? 'deletion' : target.closest('ins') ? 'insertion' : 'change';
      setShown({ id: target.dataset.suggestion ?? '', kind, top: rect.bottom + 4, left: rect.left });
    };
    // A short grace period lets the pointer travel from the text to the card's buttons.
    const out = () => {
      hideTimer = setTimeout(() => setShown(null), 400);
    };
    dom.addEventListener('mouseover', over);
    dom.addEventListener('mouseout', out);
    onCleanup(() => {
      dom.removeEventListener('mouseover', over);
      dom.removeEventListener('mouseout', out);
      clearTimeout(hideTimer);
    });
  });

  const run = (accept: boolean, id: string) => {
    const editor = props.editor();
    if (!editor) return;
    const tr = reviewSuggestion(editor.state, id, accept);
    if (tr) editor.view.dispatch(tr);
    setShown(null);
  };

  return (
    <Show when={shown()}>
      {(current) => {
        const author = () => suggestionAuthor(current().id) ?? '';
        return (
          <div
            ref={card}
            class="suggestion-card"
            role="dialog"
            aria-label="Suggestion"
            style={{ top: `${current().top}px`, left: `${current().left}px`, '--suggestion-color': colorFor(author()) }}
            onMouseEnter={() => clearTimeout(hideTimer)}
            onMouseLeave={() => setShown(null)}
          >
            <span class="who">
              Suggested {current().kind} by <strong>{props.nameOf(author())}</strong>
              <Show when={times().get(current().id)}>
                {(at) => (
                  <>
                    {' '}
                    <time class="when" dateTime={new Date(at()).toISOString()}>
                      {formatDateTime(at(), browserTimeZone(), Date.now())}
                    </time>
                  </>
                )}
              </Show>
            </span>
            <Show when={props.canReview()}>
              <button type="button" onClick={() => run(true, current().id)}>
                Accept
              </button>
              <button type="button" onClick={() => run(false, current().id)}>
                Reject
              </button>
            </Show>
          </div>
        );
      }}
    </Show>
  );
}
