/** Documents in the trash, restorable by editors and owners. */
import { createAsync, revalidate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import type { DocumentView } from '../../../shared/api/documents.js';
import type { WorkspaceView } from '../../../shared/api/workspaces.js';
import { can } from '../../../shared/roles.js';
import { ApiError } from '../../lib/api';
import { documentsApi } from './api';
import { getDocuments } from '../../pages/workspace.data';
import { Loading } from '../../components/Loading';
import { Timestamp } from '../../components/Timestamp';

export function TrashTab(props: { workspace: WorkspaceView }) {
  const trashed = createAsync(() => getDocuments(props.workspace.id, true));
  const [error, setError] = createSignal<string | null>(null);
  const mayManage = () => can(props.workspace.role, 'document.manage');

  const restore = async (doc: DocumentView) => {
    setError(null);
    try {
      await documentsApi.restore(doc.id);
      await revalidate([getDocuments.keyFor(props.workspace.id, false), getDocuments.keyFor(props.workspace.id, true)]);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Could not restore the document.');
    }
  };

  return (
    <section aria-labelledby="trash-heading">
      <div class="section-head">
        <h2 id="trash-heading">Trash</h2>
      </div>
      <p class="muted">Documents in the trash are closed for everyone. Restoring one brings it back with all its content.</p>
      <Show when={error()}>
        {(message) => (
          <p class="form-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <Show when={trashed()} fallback={<Loading label="Loading the trash…" />}>
        {(list) => (
          <Show when={list().length > 0} fallback={<div class="empty panel"><p>The trash is empty.</p></div>}>
            <ul class="doc-list" aria-label="Documents in the trash">
              <For each={list()}>
                {(doc) => (
                  <li class="doc-row">
                    <span class="doc-link trashed">{doc.title}</span>
                    <span class="doc-meta">
                      <Timestamp ms={doc.deletedAt ?? doc.updatedAt} prefix="Trashed" />
                    </span>
                    <Show when={mayManage()}>
                      <button type="button" class="small" onClick={() => void restore(doc)} aria-label={`Restore “${doc.title}”`}>
                        Restore
                      </button>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}
