/**
 * `/`: signed in, your working groups (open one, create one, or start a document straight away);
 * signed out, what Confer is and the way in.
 */
import { A, createAsync, revalidate, useNavigate } from '@solidjs/router';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { roleLabel } from '../components/roles';
import { Loading } from '../components/Loading';
import { Timestamp } from '../components/Timestamp';
import { ApiError } from '../lib/api';
import { documentsApi } from '../features/documents/api';
import { workspacesApi } from '../features/workspaces/api';
import { useSession } from '../lib/session';
import { getWorkspaces } from './workspaces.data';

function Landing() {
  return (
    <section class="home">
      <h1>Write together, across time zones</h1>
      <p class="lead">
        Confer is a shared workspace for research protocols, funding proposals and best-practice notes. Your working group edits
        the same document live, sees who is online and what time it is for them, and keeps writing offline.
      </p>
      <div class="actions">
        <A href="/signup" class="button primary">
          Create an account
        </A>
        <A href="/signin" class="button">
          Sign in
        </A>
      </div>
    </section>
  );
}

function CreateWorkspaceForm() {
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

function Workspaces() {
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

export default function HomePage() {
  const session = useSession();
  document.title = 'Confer';
  return (
    <Switch fallback={<Loading />}>
      <Match when={session.me() === null}>
        <Landing />
      </Match>
      <Match when={session.me()}>
        <Workspaces />
      </Match>
    </Switch>
  );
}
