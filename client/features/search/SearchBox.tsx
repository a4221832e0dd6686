/**
 * Search across the documents you may read (one working group, or all of yours) and their comments:
 * ranked, hits highlighted. A comment hit opens the document on that thread (`#comment-<threadId>`).
 */
import { A } from '@solidjs/router';
import { createSignal, For, onCleanup, Show } from 'solid-js';
import type { SearchAnswerView, SnippetPart } from '../../../shared/api/search.js';
import { errorMessage } from '../../lib/api';
import { searchApi } from './api';
import './search.css';

function Snippet(props: { parts: SnippetPart[] }) {
  return (
    <p class="search-snippet">
      <For each={props.parts}>{(part) => (part.hit ? <mark>{part.text}</mark> : part.text)}</For>
    </p>
  );
}

export function SearchBox(props: { workspaceId?: string }) {
  const [query, setQuery] = createSignal('');
  const [results, setResults] = createSignal<SearchAnswerView | null>(null);
  const [error, setError] = createSignal('');
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: AbortController | undefined;
  onCleanup(() => {
    clearTimeout(timer);
    inflight?.abort();
  });
  const run = (q: string) => {
    inflight?.abort();
    if (!q.trim()) return setResults(null);
    const controller = new AbortController();
    inflight = controller;
    searchApi.search(q.trim(), props.workspaceId, controller.signal).then(
      (answer) => {
        setError('');
        setResults(answer);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(errorMessage(e));
      },
    );
  };
  return (
    <div class="search-box" role="search">
      <input
        type="search"
        aria-label="Search documents and comments"
        placeholder="Search documents and comments…"
        maxLength={200}
        value={query()}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          clearTimeout(timer);
          timer = setTimeout(() => run(query()), 250);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setQuery('');
            setResults(null);
          }
        }}
      />
      <Show when={error()}>
        <p class="field-error" role="alert">{error()}</p>
      </Show>
      <Show when={results()}>
        {(answer) => (
          <>
            <ol class="search-results" aria-label="Search results">
              <For each={answer().results} fallback={<li class="muted">{answer().comments.length > 0 ? 'No document text matches.' : 'No documents or comments match.'}</li>}>
                {(hit) => (
                  <li>
                    <A href={`/d/${hit.documentId}`} class="search-title">{hit.title}</A>
                    <Snippet parts={hit.snippet} />
                  </li>
                )}
              </For>
            </ol>
            <Show when={answer().comments.length > 0}>
              <h3 class="search-heading">In comments</h3>
              <ol class="search-results" aria-label="Matching comments">
                <For each={answer().comments}>
                  {(hit) => (
                    <li>
                      <A href={`/d/${hit.documentId}#comment-${encodeURIComponent(hit.threadId)}`} class="search-title">
                        {hit.title}
                      </A>
                      <Show when={hit.resolved}>
                        <span class="muted small"> · resolved</span>
                      </Show>
                      <Snippet parts={hit.snippet} />
                    </li>
                  )}
                </For>
              </ol>
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}
