/** The document's title (renamable by editors), its working group, and who else is here. */
import { A } from '@solidjs/router';
import { createEffect, createSignal, Show } from 'solid-js';
import type { DocumentView } from '../../../shared/api/documents.js';
import type { WorkspaceView } from '../../../shared/api/workspaces.js';
import { can } from '../../../shared/roles.js';
import type { Collaborator } from '../../editor/presence';
import { PresenceList } from '../../editor/PresenceList';
import { ApiError } from '../../lib/api';
import { documentsApi } from '../../features/documents/api';
import { SharedBreadcrumb, ShareButton } from '../../features/sharing/ShareButton';

export interface DocumentHeaderProps {
  document: DocumentView | undefined;
  workspace: WorkspaceView | undefined;
  people: Collaborator[];
  /** The title this browser last saw, shown while the server cannot be reached (an offline start). */
  offlineTitle?: string | null;
  /** The caller is a guest of this one document: no group to link to, nothing to share. */
  guest?: boolean;
}

export function DocumentHeader(props: DocumentHeaderProps) {
  const [title, setTitle] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  createEffect(() => setTitle(props.document?.title ?? props.offlineTitle ?? ''));
  createEffect(() => {
    document.title = `${title() || 'Document'} · Confer`;
  });
  // Guests never rename: the title is the group's (the server refuses it too).
  const mayRename = () => (props.workspace && !props.guest ? can(props.workspace.role, 'document.manage') : false);

  const rename = async (input: HTMLTextAreaElement) => {
    const doc = props.document;
    const next = input.value.trim();
    if (!doc || next === title()) return;
    if (!next) {
      input.value = title();
      return;
    }
    setError(null);
    try {
      const { document: renamed } = await documentsApi.rename(doc.id, next);
      setTitle(renamed.title);
    } catch (caught) {
      input.value = title();
      setError(caught instanceof ApiError ? (caught.fields.title ?? caught.message) : 'Could not rename the document.');
    }
  };

  return (
    <header class="doc-head">
      <div class="doc-head-main">
        <Show when={props.guest ? undefined : props.workspace} fallback={<SharedBreadcrumb shown={props.guest === true} />}>
          {(ws) => (
            <nav class="breadcrumb" aria-label="Breadcrumb">
              <A href="/">Working groups</A> <span aria-hidden="true">/</span> <A href={`/w/${ws().id}`}>{ws().name}</A>
            </nav>
          )}
        </Show>
        <Show when={mayRename()} fallback={<h1 class="doc-title">{title() || 'Untitled document'}</h1>}>
          <h1 class="doc-title">
            <label class="visually-hidden" for="doc-title-input">
              Document title
            </label>
            {/* A one-row textarea, so a long title wraps on a phone instead of being cut off. */}
            <textarea
              id="doc-title-input"
              class="doc-title-input"
              rows={1}
              value={title()}
              maxLength={200}
              spellcheck={true}
              onBlur={(e) => void rename(e.currentTarget)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  e.currentTarget.blur();
                }
                if (e.key === 'Escape') {
                  e.currentTarget.value = title();
                  e.currentTarget.blur();
                }
              }}
            />
          </h1>
        </Show>
        <Show when={error()}>
          {(message) => (
            <p class="form-error" role="alert">
              {message()}
            </p>
          )}
        </Show>
      </div>
      <PresenceList people={props.people} />
      <Show when={props.document && mayRename()}>
        <ShareButton docId={props.document?.id ?? ''} title={title()} />
      </Show>
    </header>
  );
}
