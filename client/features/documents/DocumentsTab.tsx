/** A working group's documents: filter, sort, open, create from a template, move to the trash (with undo). */
import { A, createAsync, revalidate } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import type { DocumentView } from '../../../shared/api/documents.js';
import type { WorkspaceView } from '../../../shared/api/workspaces.js';
import { can } from '../../../shared/roles.js';
import { templates } from '../../../shared/templates/catalog.js';
import { ApiError } from '../../lib/api';
import { documentsApi } from './api';
import { getDeadlines, getDocuments } from '../../pages/workspace.data';
import { CalendarFeed } from '../deadlines/CalendarFeed';
import { DeadlineBadge } from '../deadlines/DeadlineBadge';
import { Loading } from '../../components/Loading';
import { Timestamp } from '../../components/Timestamp';
import { TemplatePicker } from './TemplatePicker';
import { changedByText } from './changed-by';
import { useSession } from '../../lib/session';

type SortKey = 'updated' | 'title' | 'created';

const sorters: Record<SortKey, (a: DocumentView, b: DocumentView) => number> = {
  updated: (a, b) => b.updatedAt - a.updatedAt,
  created: (a, b) => b.createdAt - a.createdAt,
  title: (a, b) => a.title.localeCompare(b.title, undefined, { sensitivity: 'base', numeric: true }),
};

const templateTitle = (id: string) => templates.find((t) => t.id === id)?.title ?? id;

export function DocumentsTab(props: { workspace: WorkspaceView }) {
  const session = useSession();
  const documents = createAsync(() => getDocuments(props.workspace.id, false));
  // Deadlines arrive on their own: a slow or failed answer leaves the list as it is, without them.
  const deadlines = createAsync(() => getDeadlines(props.workspace.id).catch(() => new Map()));
  const [filter, setFilter] = createSignal('');
  const [sort, setSort] = createSignal<SortKey>('updated');
  const [notice, setNotice] = createSignal<{ text: string; undo?: () => void } | null>(null);
  const mayManage = () => can(props.workspace.role, 'document.manage');

  const shown = createMemo(() => {
    const needle = filter().trim().toLocaleLowerCase();
    const list = (documents() ?? []).filter((d) => !needle || d.title.toLocaleLowerCase().includes(needle) || templateTitle(d.template).toLocaleLowerCase().includes(needle));
    return [...list].sort(sorters[sort()]);
  });

  const refresh = () => revalidate([getDocuments.keyFor(props.workspace.id, false), getDocuments.keyFor(props.workspace.id, true)]);

  const trash = async (doc: DocumentView) => {
    try {
      await documentsApi.trash(doc.id);
      setNotice({
        text: `“${doc.title}” moved to the trash.`,
        undo: () => {
          setNotice(null);
          void documentsApi.restore(doc.id).then(refresh, (e: unknown) => setNotice({ text: e instanceof ApiError ? e.message : 'Could not restore.' }));
        },
      });
      await refresh();
    } catch (caught) {
      setNotice({ text: caught instanceof ApiError ? caught.message : 'Could not move the document to the trash.' });
    }
  };

  return (
    <section aria-labelledby="documents-heading">
      <div class="section-head">
        <h2 id="documents-heading">Documents</h2>
        <div class="section-actions">
          <CalendarFeed workspaceId={props.workspace.id} />
          <Show when={mayManage()}>
            <TemplatePicker workspaceId={props.workspace.id} />
          </Show>
        </div>
      </div>
      <div class="list-controls">
        <label class="grow">
          <span class="visually-hidden">Filter documents</span>
          <input type="search" placeholder="Filter by title or template" value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} />
        </label>
        <label class="inline-label">
          Sort by
          <select value={sort()} onChange={(e) => setSort(e.currentTarget.value as SortKey)}>
            <option value="updated">Last changed</option>
            <option value="created">Newest</option>
            <option value="title">Title</option>
          </select>
        </label>
      </div>
      <Show when={notice()}>
        {(n) => (
          <p class="toast" role="status">
            {n().text}
            <Show when={n().undo}>
              {(undo) => (
                <button type="button" class="link" onClick={() => undo()()}>
                  Undo
                </button>
              )}
            </Show>
          </p>
        )}
      </Show>
      <Show when={documents()} fallback={<Loading label="Loading documents…" />}>
        {(all) => (
          <Show
            when={shown().length > 0}
            fallback={
              <div class="empty panel">
                <Show
                  when={all().length > 0}
                  fallback={
                    <>
                      <h3>No documents yet</h3>
                      <p>{mayManage() ? 'Start one from a template: a research protocol, a grant proposal or a best-practice note.' : 'Editors and owners of this group can create documents.'}</p>
                    </>
                  }
                >
                  <p>No document matches “{filter()}”.</p>
                  <button type="button" class="link" onClick={() => setFilter('')}>
                    Clear the filter
                  </button>
                </Show>
              </div>
            }
          >
            <ul class="doc-list" aria-label="Documents">
              <For each={shown()}>
                {(doc) => (
                  <li class="doc-row">
                    <A href={`/d/${doc.id}`} class="doc-link">
                      {doc.title}
                    </A>
                    <span class="doc-meta">
                      <span class="tag">{templateTitle(doc.template)}</span>
                      <DeadlineBadge deadline={deadlines()?.get(doc.id)} />
                      <span class="doc-changed">
                        <Timestamp ms={doc.updatedAt} prefix="Changed" />
                        <Show when={changedByText(doc.changedBy, session.me()?.id)}>{(by) => <> {by()}</>}</Show>
                      </span>
                    </span>
                    <Show when={mayManage()}>
                      {/* The title is in the name for screen readers, and the visible words are too (WCAG 2.5.3). */}
                      <button type="button" class="ghost small" onClick={() => void trash(doc)}>
                        Move <span class="visually-hidden">“{doc.title}” </span>to trash
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
