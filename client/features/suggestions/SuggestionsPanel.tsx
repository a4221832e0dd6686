/**
 * The review panel: every suggestion in the document with its author and text, Accept and Reject for
 * owners and editors, and a reply thread per suggestion. Replies live in the document's comments
 * (the comments document), in a thread keyed `suggestion-<suggestion id>` and anchored to the
 * suggested text, so they also show in the Comments panel and follow the same rules.
 *
 * A "Show" filter makes it the one review view: Suggestions (the default), Comments (the Comments
 * panel's threads, less the suggestions' own reply threads, which show under their suggestion here),
 * or Both. The Comments tab itself is unchanged.
 */
import type { Editor } from '@tiptap/core';
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { colorFor } from '../../../shared/colors.js';
import { addReply, addThread } from '../../../shared/comments/threads.js';
import { reviewSuggestion } from '../../../shared/editor/review-suggestion.js';
import { suggestionAuthor } from '../../../shared/editor/suggestion-ids.js';
import { can, canWriteDocuments } from '../../../shared/roles.js';
import type { DocumentContext } from '../../editor/document-plugins';
import { readyEditor } from '../../editor/ready';
import { anchorFor } from '../comments/anchors';
import { CommentsPanel } from '../comments/CommentsPanel';
import { commentsSession } from '../comments/session';
import { loadMentionable } from '../members/mentionable';
import { suggestionsOf, type SuggestionSummary } from './list';
import '../panels.css';

/** The comments thread of a suggestion. */
export const suggestionThreadId = (suggestionId: string) => `suggestion-${suggestionId}`;

function Review(props: { editor: Editor; context: DocumentContext }) {
  // Held once: a read of props.editor after the panel's <Show> turned false (in the cleanup) would throw.
  const editor = props.editor;
  const [items, setItems] = createSignal<SuggestionSummary[]>(suggestionsOf(editor.state.doc));
  const update = () => setItems(suggestionsOf(editor.state.doc));
  editor.on('update', update);
  onCleanup(() => editor.off('update', update));
  const session = commentsSession(editor, props.context.docId);
  const [people] = createResource(() => props.context.workspace()?.id, (workspaceId) => loadMentionable(props.context.docId, workspaceId).catch(() => []));
  const nameOf = (id: string) => people()?.find((p) => p.id === id)?.name ?? 'a reviewer';
  const role = () => props.context.workspace()?.role;
  const canReview = () => canWriteDocuments(role() ?? 'viewer');
  const canReply = () => can(role() ?? 'viewer', 'document.comment') && session.comments.synced();
  const threadOf = (id: string) => session.comments.threads().find((t) => t.id === suggestionThreadId(id));

  const run = (accept: boolean, id: string) => {
    const tr = reviewSuggestion(editor.state, id, accept);
    if (tr) editor.view.dispatch(tr);
  };
  // One author's suggestions, one edit each (each reads the state the previous one left).
  const runAuthor = (accept: boolean, authorId: string) => {
    for (const item of items()) if (suggestionAuthor(item.id) === authorId) run(accept, item.id);
  };
  const reply = (item: SuggestionSummary, body: string) => {
    const user = props.context.me();
    if (!user || body.trim() === '') return;
    const author = { id: user.id, name: user.name };
    const now = Date.now();
    const entry = { id: crypto.randomUUID().replace(/-/g, '').slice(0, 20), author, body: body.trim(), mentions: [], createdAt: now };
    const threadId = suggestionThreadId(item.id);
    if (threadOf(item.id)) {
      addReply(session.comments.doc, threadId, entry);
      return;
    }
    const anchor = anchorFor(editor.state, item.from, item.to);
    if (!anchor) return;
    addThread(session.comments.doc, { id: threadId, anchor, quote: item.text.slice(0, 300), createdBy: author, createdAt: now }, entry);
  };

  return (
    <section class="feature-panel suggestions-panel" aria-label="Suggestions">
      <ol class="suggestion-list">
        <For each={items()} fallback={<li class="muted small-text">No suggestions. In Suggesting mode, changes appear here for review.</li>}>
          {(item) => {
            let input: HTMLTextAreaElement | undefined;
            const author = suggestionAuthor(item.id) ?? '';
            return (
              <li class="suggestion-item" style={{ '--suggestion-color': colorFor(author) }} data-suggestion-id={item.id}>
                <p class="who">
                  <strong>{nameOf(author)}</strong> suggests {item.kinds.join(' and ')}: <q>{item.text.replaceAll('\u200B', '')}</q>
                </p>
                <Show when={canReview()}>
                  <button type="button" onClick={() => run(true, item.id)}>
                    Accept
                  </button>
                  <button type="button" onClick={() => run(false, item.id)}>
                    Reject
                  </button>
                  <button type="button" class="ghost small" onClick={() => runAuthor(true, author)}>
                    Accept all by {nameOf(author)}
                  </button>
                  <button type="button" class="ghost small" onClick={() => runAuthor(false, author)}>
                    Reject all by {nameOf(author)}
                  </button>
                </Show>
                <ul class="suggestion-replies">
                  <For each={threadOf(item.id)?.comments ?? []}>
                    {(comment) => (
                      <li>
                        <strong>{nameOf(comment.author.id)}</strong>: {comment.body}
                      </li>
                    )}
                  </For>
                </ul>
                <Show when={canReply()}>
                  <textarea ref={input} aria-label="Reply to this suggestion" rows={2} />
                  <button
                    type="button"
                    onClick={() => {
                      reply(item, input?.value ?? '');
                      if (input) input.value = '';
                    }}
                  >
                    Reply
                  </button>
                </Show>
              </li>
            );
          }}
        </For>
      </ol>
    </section>
  );
}

export type ReviewFilter = 'comments' | 'suggestions' | 'both';

export function SuggestionsPanel(props: { context: DocumentContext }) {
  const [filter, setFilter] = createSignal<ReviewFilter>('suggestions');
  const plainThread = (thread: { id: string }) => !thread.id.startsWith(suggestionThreadId(''));
  return (
    <>
      <label class="small-text review-filter">
        Show{' '}
        <select aria-label="Show" value={filter()} onChange={(e) => setFilter(e.currentTarget.value as ReviewFilter)}>
          <option value="comments">Comments</option>
          <option value="suggestions">Suggestions</option>
          <option value="both">Both</option>
        </select>
      </label>
      <Show when={filter() !== 'comments'}>
        <Show when={readyEditor(props.context)}>{(ready) => <Review editor={ready()} context={props.context} />}</Show>
      </Show>
      <Show when={filter() !== 'suggestions'}>
        <CommentsPanel context={props.context} only={plainThread} />
      </Show>
    </>
  );
}
