/**
 * Version history: name the current state, see any version read-only, compare two (or one with the
 * current text), and restore one (the server keeps the current state as a version first). The panel
 * is a list; a version or a comparison opens full-width over the document (a modal dialog), since the
 * side panel is too narrow to read a document in.
 */
import { createSignal, For, Show } from 'solid-js';
import type { PersonView } from '../../../shared/api/people.js';
import type { CompareView, VersionView as Version } from '../../../shared/api/versions.js';
import { canWriteDocuments } from '../../../shared/roles.js';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { DiffView } from '../../components/DiffView';
import { SuggestionChanges } from '../../components/SuggestionChanges';
import { Timestamp } from '../../components/Timestamp';
import type { DocumentContext } from '../../editor/document-plugins';
import { errorMessage } from '../../lib/api';
import { createLoad } from '../../lib/load';
import { useSession } from '../../lib/session';
import { versionsApi } from './api';
import { versionAuthors, versionChoiceLabel, versionLabel } from './labels';
import { VersionView } from './VersionView';
import '../panels.css';
import './versions.css';

/** What is open over the document: one version, or a comparison of two states. */
type Overlay = { kind: 'view'; version: Version; content: unknown; suggesters: PersonView[] } | { kind: 'compare'; title: string; comparison: CompareView };

export function HistoryPanel(props: { context: DocumentContext }) {
  const session = useSession();
  // Nothing is fetched until someone is signed in and the document is known (see ready.ts).
  const docId = () => (props.context.me() && props.context.document() ? props.context.docId : undefined);
  const load = createLoad(docId, async (id) => (await versionsApi.list(id)).versions);
  const versions = load.value;
  const refetch = load.reload;
  const [name, setName] = createSignal('');
  const [error, setError] = createSignal('');
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('current');
  const [overlay, setOverlay] = createSignal<Overlay | null>(null);
  const [restoring, setRestoring] = createSignal<Version | null>(null);
  const [busy, setBusy] = createSignal(false);
  const canWrite = () => {
    const role = props.context.workspace()?.role;
    return role !== undefined && canWriteDocuments(role);
  };
  const choice = (v: Version) => versionChoiceLabel(v, session.zone(), session.now());
  const byId = (id: string) => versions()?.find((v) => v.id === id);
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
      const first = byId(from()) ?? versions()?.[0];
      if (!first) return;
      const second = to() === 'current' ? undefined : byId(to());
      const comparison = await versionsApi.compare(props.context.docId, first.id, second?.id ?? 'current');
      setOverlay({ kind: 'compare', title: `${choice(first)} → ${second ? choice(second) : 'current text'}`, comparison });
    });
  const view = (v: Version) =>
    run(async () => {
      const detail = await versionsApi.get(props.context.docId, v.id);
      setOverlay({ kind: 'view', version: detail.version, content: detail.content, suggesters: detail.suggesters });
    });
  const overlayTitle = () => {
    const open = overlay();
    if (!open) return '';
    return open.kind === 'view' ? `${choice(open.version)} (read-only)` : `Compare ${open.title}`;
  };
  const restoringLabel = () => {
    const v = restoring();
    return v ? choice(v) : '';
  };
  const restore = async () => {
    const v = restoring();
    if (!v) return;
    setBusy(true);
    await run(async () => {
      await versionsApi.restore(props.context.docId, v.id);
      setOverlay(null);
      await refetch();
    });
    setBusy(false);
    setRestoring(null);
  };

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
            <For each={versions() ?? []}>{(v) => <option value={v.id}>{choice(v)}</option>}</For>
          </select>
        </label>
        <label>
          with
          <select aria-label="Compare with" value={to()} onChange={(e) => setTo(e.currentTarget.value)}>
            <option value="current">Current text</option>
            <For each={versions() ?? []}>{(v) => <option value={v.id}>{choice(v)}</option>}</For>
          </select>
        </label>
        <button type="button" class="small" onClick={() => void compare()} disabled={(versions() ?? []).length === 0}>
          Compare
        </button>
      </div>
      <ol class="version-list">
        <For each={versions() ?? []} fallback={<li class="muted small-text">No versions yet: one is kept after each burst of edits.</li>}>
          {(v) => (
            <li class={`version version-${v.kind}`}>
              <div>
                <strong class="version-name">{versionLabel(v)}</strong>
                <div class="muted small-text">
                  <Timestamp ms={v.createdAt} full />
                  <Show when={versionAuthors(v)}>{(who) => <> · {who()}</>}</Show>
                </div>
              </div>
              <div class="version-actions">
                <button type="button" class="ghost small" onClick={() => void view(v)} aria-label={`View ${choice(v)}`}>
                  View
                </button>
                <Show when={canWrite()}>
                  <button type="button" class="ghost small" onClick={() => setRestoring(v)} aria-label={`Restore ${choice(v)}`}>
                    Restore
                  </button>
                </Show>
              </div>
            </li>
          )}
        </For>
      </ol>

      <Dialog
        open={overlay() !== null}
        size="full"
        title={overlayTitle()}
        onClose={() => setOverlay(null)}
        actions={
          <Show when={overlay()?.kind === 'view' && canWrite()}>
            <button
              type="button"
              class="small"
              onClick={() => {
                const open = overlay();
                if (open?.kind === 'view') setRestoring(open.version);
              }}
            >
              Restore this version
            </button>
          </Show>
        }
      >
        <Show when={overlay()} keyed>
          {(open) =>
            open.kind === 'view' ? (
              <VersionView content={open.content} suggesters={open.suggesters} />
            ) : (
              <div class="comparison" aria-label="Comparison">
                <p class="small-text">
                  <ins>+{open.comparison.insertions} words</ins> <del>−{open.comparison.deletions} words</del>
                </p>
                <SuggestionChanges suggestions={open.comparison.suggestions} />
                <DiffView blocks={open.comparison.blocks} />
              </div>
            )
          }
        </Show>
      </Dialog>

      <ConfirmDialog
        open={restoring() !== null}
        title="Restore this version?"
        confirmLabel="Restore"
        busy={busy()}
        onConfirm={() => void restore()}
        onCancel={() => setRestoring(null)}
      >
        <p>
          <strong>{restoringLabel()}</strong>{' '}
          replaces the text for everyone. The current text is kept as a version first, so this can be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
