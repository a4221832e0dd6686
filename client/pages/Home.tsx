/**
 * `/`: start a new document. Documents live in a working group, so "New document" creates one in the
 * user's first workspace (making a personal one when there is none). The workspace list UI comes later.
 */
import { useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { ApiError, api } from '../lib/api';

async function newDocumentId(): Promise<string> {
  const { user } = await api.me();
  const { workspaces } = await api.workspaces();
  const workspace = workspaces[0] ?? (await api.createWorkspace(`${user.name}'s workspace`)).workspace;
  const { document } = await api.createDocument(workspace.id, { title: 'Untitled document' });
  return document.id;
}

export default function HomePage() {
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      navigate(`/d/${await newDocumentId()}`);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) navigate('/signin?next=%2F');
      else setError(caught instanceof ApiError ? caught.message : 'Could not create a document. Please try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="home">
      <h1>Write together, across time zones</h1>
      <p class="lead">
        Confer is a shared workspace for research protocols, funding proposals and best-practice notes. Everyone with access
        edits the same document, live.
      </p>
      <button type="button" class="primary" disabled={busy()} onClick={() => void create()}>
        {busy() ? 'Creating…' : 'New document'}
      </button>
      <Show when={error()}>
        {(message) => (
          <p class="form-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
    </section>
  );
}
