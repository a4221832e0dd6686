/** `/w/:workspaceId`: one working group: its documents, members and invitations, and its trash. */
import { A, createAsync, useParams, useSearchParams } from '@solidjs/router';
import { createEffect, For, Match, Show, Switch } from 'solid-js';
import { roleDescription, roleLabel } from '../components/roles';
import { DocumentsTab } from '../features/documents/DocumentsTab';
import { MembersTab } from '../features/members/MembersTab';
import { TrashTab } from '../features/documents/TrashTab';
import { ActivityTab } from '../features/workspaces/ActivityTab';
import { getWorkspace } from './workspace.data';

const tabs = [
  { id: 'documents', label: 'Documents' },
  { id: 'activity', label: 'Search & activity' },
  { id: 'members', label: 'Members' },
  { id: 'trash', label: 'Trash' },
] as const;
type TabId = (typeof tabs)[number]['id'];

export default function WorkspacePage() {
  const params = useParams<{ workspaceId: string }>();
  const [search] = useSearchParams();
  const workspace = createAsync(() => getWorkspace(params.workspaceId));
  const tab = (): TabId => (tabs.some((t) => t.id === search.tab) ? (search.tab as TabId) : 'documents');

  createEffect(() => {
    const ws = workspace();
    if (ws) document.title = `${ws.name} · Confer`;
  });

  return (
    <Show when={workspace()}>
      {(ws) => (
        <section class="page">
          <nav class="breadcrumb" aria-label="Breadcrumb">
            <A href="/">Working groups</A>
          </nav>
          <div class="page-head">
            <h1>{ws().name}</h1>
            <span class={`role-badge role-${ws().role}`} title={roleDescription(ws().role)}>
              You are {roleLabel(ws().role).toLowerCase()}
            </span>
          </div>
          <nav class="tabs" aria-label="Working group sections">
            <For each={tabs}>
              {(t) => (
                // A plain <a> (the router still handles it): <A> would mark every tab current, since they share a path.
                <a href={`/w/${ws().id}${t.id === 'documents' ? '' : `?tab=${t.id}`}`} class="tab" aria-current={tab() === t.id ? 'page' : undefined}>
                  {t.label}
                </a>
              )}
            </For>
          </nav>
          <Switch>
            <Match when={tab() === 'documents'}>
              <DocumentsTab workspace={ws()} />
            </Match>
            <Match when={tab() === 'activity'}>
              <ActivityTab workspace={ws()} />
            </Match>
            <Match when={tab() === 'members'}>
              <MembersTab workspace={ws()} />
            </Match>
            <Match when={tab() === 'trash'}>
              <TrashTab workspace={ws()} />
            </Match>
          </Switch>
        </section>
      )}
    </Show>
  );
}
