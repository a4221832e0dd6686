/**
 * New suggestions beside a comparison's word counts (catch-up, version compare): how many, and for
 * each who made it and what it would insert or delete. They are proposals, so they are listed apart
 * from the accepted words changed.
 */
import { For, Show } from 'solid-js';
import type { SuggestionChangeView } from '../../shared/api/versions.js';
import { colorFor } from '../../shared/colors.js';
import './diff-view.css';

/** "insert “usually”", "delete “24”", "replace “24” with “48”", or a formatting change. */
function what(s: SuggestionChangeView): string {
  if (s.inserted && s.inserted === s.deleted) return `format “${s.inserted}”`;
  if (s.inserted && s.deleted) return `replace “${s.deleted}” with “${s.inserted}”`;
  if (s.inserted) return `insert “${s.inserted}”`;
  return `delete “${s.deleted}”`;
}

export function SuggestionChanges(props: { suggestions: readonly SuggestionChangeView[] }) {
  const count = () => props.suggestions.length;
  return (
    <Show when={count() > 0}>
      <div class="suggestion-changes" aria-label="New suggestions">
        <p class="small-text">
          <strong>
            {count()} new {count() === 1 ? 'suggestion' : 'suggestions'}
          </strong>{' '}
          <span class="muted">(not yet accepted, not counted as changed words)</span>
        </p>
        <ul>
          <For each={props.suggestions}>
            {(s) => (
              <li class="suggestion-change" data-suggestion={s.id} style={{ '--suggestion-color': colorFor(s.by.id) }}>
                <strong>{s.by.name}</strong> suggests to {what(s)}
              </li>
            )}
          </For>
        </ul>
      </div>
    </Show>
  );
}
