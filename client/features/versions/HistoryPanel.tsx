/**
 * Version history: name the current state, see any version read-only, compare two (or one with the
 * current text), and restore one (the server keeps the current state as a version first).
 */
import { createSignal, For, Show } from 'solid-js';
import type { CompareView, VersionView as Version } from '../../../shared/api/versions.js';
import { canWriteDocuments } from '../../../shared/roles.js';
import { Timestamp } from '../../components/Timestamp';
import type { DocumentContext } from '../../editor/document-plugins';
import { errorMessage } from '../../lib/api';
import { DiffView } from '../../components/DiffView';
import { createLoad } from '../../lib/load';
import { versionsApi } from './api';
import { VersionView } from './VersionView';
import '../panels.css';
import './versions.css';

const kindLabel: Record<Version['kind'], string> = {
  auto: 'Automatic',
  named: 'Named',
  'before-restore': 'Kept before a restore',
  restored: 'Restore',
};

export function versionLabel(v: Version): string {
  return v.name ?? `${kindLabel[v.kind]} version`;
}

export function HistoryPanel(props: { context: DocumentContext }) {
  // Nothing is fetched until someone is signed in and the document is known (see ready.ts).
  const docId = () => (props.context.me() && props.context.document() ? props.context.docId : undefined);
  const load = createLoad(docId, async (id) => (await versionsApi.list(id)).versions);
  const versions = load.value;
  const refetch = load.reload;
  const [name, setName] = createSignal('');
  const [error, setError] = createSignal('');
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('current');
  const [comparison, setComparison] = createSignal<CompareView | null>(null);
  const [viewing, setViewing] = createSignal<{ version: Version; content: unknown } | null>(null);
  const canWrite = () => {
    const role = props.context.workspace()?.role;
    return role !== undefined && canWriteDocuments(role);
  };
  const run = async (action: () => Promise<void>) => {
    setError('');
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const saveVersion = () =>
    run(async () => {
      if (!name().trim()) return;
      await versionsApi.name(props.context.docId, name().trim());
      setName('');
      await refetch();
    });
  const compare = () =>
    run(async () => {
      const first = from() || versions()?.[0]?.id;
      if (!first) return;
      setViewing(null);
      setComparison(await versionsApi.compare(props.context.docId, first, to()));
    });
  const view = (v: Version) =>
    run(async () => {
      setComparison(null);
      const detail = await versionsApi.get(props.context.docId, v.id);
      setViewing({ version: detail.version, content: detail.content });
    });
  const restore = (v: Version) =>
    run(async () => {
      if (!window.confirm(`Restore “${versionLabel(v)}”? The current text is kept as a version first.`)) return;
      await versionsApi.restore(props.context.docId, v.id);
      setComparison(null);
      setViewing(null);
      await refetch();
    });

  return (
    <section class="feature-panel history-panel" aria-label="Version history">
      <Show when={canWrite()}>
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void saveVersion();
          }}
        >
          <input aria-label="Version name" placeholder="Name this version, e.g. Submitted to funder" maxLength={120} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          <button type="submit" class="primary small" disabled={!name().trim()}>
            Save version
          </button>
        </form>
      </Show>
      <Show when={error()}>
        <p class="field-error" role="alert">{error()}</p>
      </Show>
      <div class="compare-form">
        <label>
          Compare
          <select aria-label="Compare from" value={from()} onChange={(e) => setFrom(e.currentTarget.value)}>
            <option value="">(latest version)</option>
            <For each={versions() ?? []}>{(v) => <option value={v.id}>{versionLabel(v)}</option>}</For>
          </select>
        </label>
        <label>
          with
          <select aria-label="Compare with" value={to()} onChange={(e) => setTo(e.currentTarget.value)}>
            <option value="current">Current text</option>
            <For each={versions() ?? []}>{(v) => <option value={v.id}>{versionLabel(v)}</option>}</For>
          </select>
        </label>
        <button type="button" class="small" onClick={() => void compare()} disabled={(versions() ?? []).length === 0}>
          Compare
        </button>
      </div>
      <Show when={comparison()}>
        {(c) => (
          <div class="comparison" aria-label="Comparison">
            <p class="small-text">
              <ins>+{c().insertions} words</ins> <del>−{c().deletions} words</del>
            </p>
            <DiffView blocks={c().blocks} />
          </div>
        )}
      </Show>
      <Show when={viewing()} keyed>
        {(v) => (
          <div class="viewing">
            <p class="small-text">
              Viewing <strong>{versionLabel(v.version)}</strong> (read-only){' '}
              <button type="button" class="ghost small" onClick={() => setViewing(null)}>
                Close
              </button>
            </p>
            <VersionView content={v.content} />
          </div>
        )}
      </Show>
      <ol class="version-list">
        <For each={versions() ?? []} fallback={<li class="muted small-text">No versions yet: one is kept after each burst of edits.</li>}>
          {(v) => (
            <li class={`version version-${v.kind}`}>
              <div>
                <strong class="version-name">{versionLabel(v)}</strong>
                <div class="muted small-text">
                  <Timestamp ms={v.createdAt} full />
                  <Show when={v.createdBy ?? v.authors[0]}>{(p) => <> · {v.createdBy ? p().name : v.authors.map((a) => a.name).join(', ')}</>}</Show>
                </div>
              </div>
              <div class="version-actions">
                <button type="button" class="ghost small" onClick={() => void view(v)}>
                  View
                </button>
                <Show when={canWrite()}>
                  <button type="button" class="ghost small" onClick={() => void restore(v)}>
                    Restore
                  </button>
                </Show>
              </div>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}
