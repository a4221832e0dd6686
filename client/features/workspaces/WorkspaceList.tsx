/** Your working groups on the home page, with "New document" (straight into the first group you may write in). */
import { A, createAsync, useNavigate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { roleLabel } from '../../components/roles';
import { Loading } from '../../components/Loading';
import { Timestamp } from '../../components/Timestamp';
import { ApiError } from '../../lib/api';
import { useSession } from '../../lib/session';
import { getWorkspaces } from '../../pages/workspaces.data';
import { documentsApi } from '../documents/api';
import { workspacesApi } from './api';
import { CreateWorkspaceForm } from './CreateWorkspaceForm';

export function WorkspaceList() {
  const session = useSession();
  const navigate = useNavigate();
  const workspaces = createAsync(() => getWorkspaces());
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  // A blank document in the first group where you may write (a personal group is made when there is none).
  const newDocument = async () => {
    setBusy(true);
    setError(null);
    try {
      const list = workspaces() ?? [];
      const target = list.find((w) => w.role === 'owner' || w.role === 'editor') ?? (await workspacesApi.create(`${session.me()?.name ?? 'My'}'s working group`)).workspace;
      const { document } = await documentsApi.create(target.id, { title: 'Untitled document' });
      navigate(`/d/${document.id}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Could not create a document. Please try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="page">
      <div class="page-head">
        <h1>Working groups</h1>
        <button type="button" class="primary" disabled={busy()} onClick={() => void newDocument()}>
          {busy() ? 'Creating…' : 'New document'}
        </button>
      </div>
      <Show when={error()}>
        {(message) => (
          <p class="form-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <Show when={workspaces()} fallback={<Loading label="Loading working groups…" />}>
        {(list) => (
          <Show
            when={list().length > 0}
            fallback={
              <div class="empty panel">
                <h2>No working groups yet</h2>
                <p>A working group holds your team's documents and decides who may read and edit them. Create one below, or open an invitation link someone sent you.</p>
              </div>
            }
          >
            <ul class="card-list" aria-label="Your working groups">
              <For each={list()}>
                {(workspace) => (
                  <li class="card">
                    <A href={`/w/${workspace.id}`} class="card-title">
                      {workspace.name}
                    </A>
                    <span class="card-meta">
                      <span class={`role-badge role-${workspace.role}`}>{roleLabel(workspace.role)}</span>
                      <Timestamp ms={workspace.createdAt} prefix="Created" />
                    </span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <CreateWorkspaceForm />
    </section>
  );
}
