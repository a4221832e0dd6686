/** "Recent" on the home page: the documents you opened last, across all your working groups. */
import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { Timestamp } from '../../components/Timestamp';
import { recentApi } from './api';
import './recent.css';

/** How many documents the home page shows; the quick switcher (Ctrl+/) finds the rest. */
const SHOWN = 8;

export function RecentList() {
  const [recent] = createResource(() => recentApi.list({ limit: SHOWN }));
  return (
    <Show when={recent()?.documents.length}>
      <section class="recent" aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recent</h2>
        <ul class="recent-list">
          <For each={recent()?.documents}>
            {(doc) => (
              <li>
                <A href={`/d/${doc.id}`} class="recent-title">
                  {doc.title}
                </A>
                <span class="recent-meta muted">
                  {doc.workspace.name} · <Timestamp ms={doc.visitedAt ?? doc.updatedAt} prefix={doc.visitedAt !== null ? 'Opened' : 'Changed'} />
                </span>
              </li>
            )}
          </For>
        </ul>
        <p class="recent-hint muted small">
          Press <kbd>Ctrl</kbd> + <kbd>/</kbd> anywhere to jump to a document or group.
        </p>
      </section>
    </Show>
  );
}
