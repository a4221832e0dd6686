/** Search across the documents you may read (one working group, or all of yours): ranked, hits highlighted. */
import { A } from '@solidjs/router';
import { createSignal, For, onCleanup, Show } from 'solid-js';
import type { SearchResultView } from '../../../shared/api/search.js';
import { errorMessage } from '../../lib/api';
import { searchApi } from './api';
import './search.css';

export function SearchBox(props: { workspaceId?: string }) {
  const [query, setQuery] = createSignal('');
  const [results, setResults] = createSignal<SearchResultView[] | null>(null);
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
        setResults(answer.results);
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
        aria-label="Search documents"
        placeholder="Search documents…"
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
        {(list) => (
          <ol class="search-results" aria-label="Search results">
            <For each={list()} fallback={<li class="muted">No documents match.</li>}>
              {(hit) => (
                <li>
                  <A href={`/d/${hit.documentId}`} class="search-title">{hit.title}</A>
                  <p class="search-snippet">
                    <For each={hit.snippet}>{(part) => (part.hit ? <mark>{part.text}</mark> : part.text)}</For>
                  </p>
                </li>
              )}
            </For>
          </ol>
        )}
      </Show>
    </div>
  );
}
