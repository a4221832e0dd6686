/** "Shared with me" on the groups page: documents other groups shared with you as a guest (hidden when there are none). */
import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { roleLabel } from '../../components/roles';
import { Timestamp } from '../../components/Timestamp';
import { sharingApi } from './api';
import './sharing.css';

export function SharedWithMe() {
  const [shared] = createResource(() => sharingApi.sharedWithMe().catch(() => ({ documents: [] })));
  return (
    <Show when={shared()?.documents.length}>
      <section class="recent shared-with-me" aria-labelledby="shared-heading">
        <h2 id="shared-heading">Shared with me</h2>
        <ul class="recent-list">
          <For each={shared()?.documents}>
            {(doc) => (
              <li>
                <A href={`/d/${doc.id}`} class="recent-title">
                  {doc.title}
                </A>
                <span class="recent-meta muted">
                  {roleLabel(doc.role)}, shared by {doc.sharedBy.name} · <Timestamp ms={doc.updatedAt} prefix="Changed" />
                </span>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
