/** "New working group" on the home page: name it, and you are its owner and taken there. */
import { revalidate, useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { ApiError } from '../../lib/api';
import { getWorkspaces } from '../../pages/workspaces.data';
import { workspacesApi } from './api';

export function CreateWorkspaceForm() {
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '');
    setBusy(true);
    setError(null);
    try {
      const { workspace } = await workspacesApi.create(name);
      await revalidate(getWorkspaces.key);
      navigate(`/w/${workspace.id}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? (caught.fields.name ?? caught.message) : 'Could not create the working group.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="inline-form panel" onSubmit={(event) => void submit(event)} aria-labelledby="create-group-title">
      <h2 id="create-group-title">New working group</h2>
      <div class="row">
        <label class="grow">
          <span class="visually-hidden">Working group name</span>
          <input name="name" required maxLength={100} placeholder="e.g. Malaria vaccine consortium" aria-invalid={error() ? true : undefined} aria-describedby={error() ? 'create-group-error' : undefined} />
        </label>
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? 'Creating…' : 'Create working group'}
        </button>
      </div>
      <Show when={error()}>
        {(message) => (
          <p class="form-error" id="create-group-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
    </form>
  );
}
