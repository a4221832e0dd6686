/**
 * One open document: header with presence, toolbar, status line, the editor, and the side region
 * for mounted features. Metadata (title, role) comes from the API; the text from the relay.
 */
import { revalidate, useLocation, useNavigate } from '@solidjs/router';
import { createEffect, createResource, createSignal, onCleanup, Show, untrack } from 'solid-js';
import { can, canWriteDocuments } from '../../../shared/roles.js';
import { CloseCode } from '../../../shared/protocol/index.js';
import '../../editor/editor.css';
import { ErrorView } from '../../components/ErrorView';
import { StatusLine } from '../../components/StatusLine';
import { createCollabEditor } from '../../editor/createCollabEditor';
import { editorExtensions } from '../../editor/extensions';
import { createPresence } from '../../editor/presence';
import { Toolbar } from '../../editor/Toolbar';
import { ToolPanels, type ToolPanel } from '../../editor/ToolPanels';
import { ApiError } from '../../lib/api';
import { documentsApi } from '../../features/documents/api';
import { loadMentionable } from '../../features/members/mentionable';
import { randomGuest } from '../../lib/guest';
import { copyFacts, localCopyName, recordCopy } from '../../lib/local-copies';
import { announceSignedOut } from '../../lib/signed-out';
import { useSession } from '../../lib/session';
import { getDocumentInfo, type DocumentInfo } from '../document.data';
import { DocumentHeader } from './DocumentHeader';
import { ReadOnlyNotice } from './ReadOnlyNotice';
import { SidePanels } from './SidePanels';
import type { DocumentContext } from '../../editor/document-plugins';
import { attachWhenReady } from '../../editor/ready';
import { documentAttachments, documentPanels, documentTools } from './registry';
import { refreshSuggestionNames, Suggesting } from '../../editor/suggesting';
import { createEditMode } from '../../features/suggestions/mode';
import { ModeSwitch } from '../../features/suggestions/ModeSwitch';
import { RefusedNotice } from '../../features/suggestions/RefusedNotice';
import { ReviewAll } from '../../features/suggestions/ReviewAll';
import { SuggestionCard } from '../../features/suggestions/SuggestionCard';
import '../../features/suggestions/suggestions.css';

type InfoResult = { ok: true; value: DocumentInfo } | { ok: false; error: unknown };

export function DocumentScreen(props: { docId: string }) {
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const [element, setElement] = createSignal<HTMLDivElement>();
  const [panel, setPanel] = createSignal<ToolPanel | null>(null);
  const [sidePanel, setSidePanel] = createSignal<string>();
  const probes = new AbortController();
  onCleanup(() => probes.abort());

  // Without a session there is nothing to ask the API: the relay decides (it refuses, and we send you to sign in).
  const [info, { refetch }] = createResource(
    () => (session.me() ? props.docId : undefined),
    (id, { value, refetching }): Promise<InfoResult> =>
      getDocumentInfo(id).then(
        (result) => ({ ok: true as const, value: result }),
        // A failed re-read keeps what we knew: the relay enforces the new role either way.
        (error: unknown) => (refetching && value?.ok ? value : { ok: false as const, error }),
      ),
  );
  // Read without suspending: the editor connects while the metadata loads, and keeps the last answer
  // while it is read again.
  const loaded = () => (info.state === 'ready' || info.state === 'refreshing' ? info.latest : undefined);
  const meta = () => {
    const result = loaded();
    return result?.ok ? result.value : undefined;
  };
  // No such document, or not yours: the same not-found page as a missing working group, not an empty
  // editor. Dropping the element ends the editor and its socket (createCollabEditor needs an element).
  const missing = () => {
    const result = loaded();
    const error = result && !result.ok ? result.error : undefined;
    return error instanceof ApiError && (error.status === 404 || error.status === 403) ? error : undefined;
  };
  createEffect(() => {
    if (missing()) setElement(undefined);
  });
  // The API is unreachable (an offline start, served by the service worker): what this browser knew of
  // its copy when last online stands in for the metadata, so an editor can go on writing.
  const unreachable = () => {
    const result = loaded();
    return result !== undefined && !result.ok && result.error instanceof ApiError && result.error.code === 'network';
  };
  const offlineFacts = () => {
    const user = session.me();
    return user && unreachable() ? copyFacts(user.id, props.docId) : undefined;
  };
  const role = () => meta()?.workspace.role ?? offlineFacts()?.role ?? undefined;
  // Editing, Suggesting or Viewing (features/suggestions/mode.ts): commenters only suggest.
  const editMode = createEditMode(() => props.docId, role);
  // Until the role is known nobody types (a viewer's keystrokes would only be dropped by the server).
  // Signed out, the relay decides alone (only the development open policy lets guests in at all).
  const editable = () => {
    if (!session.me()) return true;
    const result = loaded();
    if (result?.ok !== true) return unreachable() && canWriteDocuments(offlineFacts()?.role ?? 'viewer');
    return can(result.value.workspace.role, 'document.comment') && result.value.document.deletedAt === null && editMode.mode() !== 'viewing';
  };
  const readOnly = () => role() !== undefined && !canWriteDocuments(role() ?? 'viewer');
  const canFormat = () => {
    const current = role();
    return current === undefined || can(current, 'document.comment');
  };

  // The relay or the API found no session: read it again, so the app knows it ended (and drops the
  // local copies the server has, see lib/local-copies.ts), then ask to sign in.
  const toSignIn = () => {
    void session.refresh();
    navigate(`/signin?next=${encodeURIComponent(location.pathname)}`, { replace: true });
  };
  // A refused upgrade (401/403 before any 101) is only a 1006 in the browser: ask the API why.
  const checkAccess = () => {
    documentsApi.get(props.docId, probes.signal).then(
      ({ document }) => {
        if (document.deletedAt !== null) collab.stop(CloseCode.Forbidden, 'This document is in the trash. An editor can restore it from the working group’s Trash.');
      },
      (error: unknown) => {
        if (!(error instanceof ApiError)) return;
        if (error.status === 401) toSignIn();
        else if (error.status === 403 || error.status === 404) {
          collab.stop(CloseCode.Forbidden, 'This document does not exist, or you do not have access to it.');
        }
      },
    );
  };

  // 4001: the role or the profile changed and the editor is reconnecting to get the new rights. Read
  // both again, so `editable` follows the new role and the caret the new name, without a reload.
  const accessChanged = () => {
    void revalidate(getDocumentInfo.keyFor(props.docId));
    void refetch();
    void session.refresh();
  };

  const me = () => session.me();
  const canReview = () => canWriteDocuments(role() ?? 'viewer');
  const nameOf = (id: string) => (id === me()?.id ? 'you' : (mentionable()?.find((person) => person.id === id)?.name ?? 'a reviewer'));
  const guest = randomGuest();
  const [mentionable] = createResource(() => meta()?.workspace.id, (workspaceId) => loadMentionable(props.docId, workspaceId).catch(() => []));
  const collab = createCollabEditor({
    docId: () => props.docId,
    element,
    user: () => {
      const user = me();
      return user ? { name: user.name, color: user.color } : guest;
    },
    extensions: () => [
      ...editorExtensions({
        openLink: () => setPanel({ kind: 'link' }),
        editMath: (mode, latex, pos) => {
          if (editable()) setPanel({ kind: 'math', mode, latex, pos });
        },
        mentions: {
          people: () => mentionable() ?? [],
          meId: () => me()?.id ?? null,
          // Only those who may invite are offered to (the invite form is on the group's page).
          inviteHref: () => {
            const info = meta();
            return info && !info.guest && can(info.workspace.role, 'invites.manage') ? `/w/${encodeURIComponent(info.workspace.id)}#invites-heading` : undefined;
          },
        },
      }),
      Suggesting.configure({
        // Signed out (development open policy) there is no author: plain editing.
        suggesting: () => editMode.mode() === 'suggesting',
        authorId: () => me()?.id ?? null,
        canReview,
        nameOf: (id) => nameOf(id),
        onUnsuggestable: () => setUnsuggestable(true),
      }),
    ],
    editable,
    // One local copy per person and document, so a shared computer does not mix accounts' drafts.
    localCopyName: () => localCopyName(me()?.id ?? null, props.docId),
    onRefused: checkAccess,
    // 4401: the session ended elsewhere. Say so (the shell re-reads the session), then ask to sign in.
    onUnauthenticated: () => {
      announceSignedOut();
      toSignIn();
    },
    onAccessChanged: accessChanged,
  });
  // Suggestion tooltips name people from `mentionable`, which loads after the editor is built.
  createEffect(() => {
    mentionable();
    const editor = collab.editor();
    if (editor) untrack(() => refreshSuggestionNames(editor));
  });
  const people = createPresence(collab.awareness, () => me()?.id);
  const [unsuggestable, setUnsuggestable] = createSignal(false);
  // A 4403 from the relay (a change it refused, or access gone) stops the page for good: block it and
  // offer the reload that recovers. Our own stops (trash, missing document) are explained elsewhere.
  const refusal = () => {
    const state = collab.connection();
    return state.kind === 'stopped' && state.code === CloseCode.Forbidden && !state.message.startsWith('This document') ? state.message : null;
  };
  // CharacterCount's storage is not reactive: read it again on every document change.
  const [wordCount, setWordCount] = createSignal<number>();
  createEffect(() => {
    const editor = collab.editor();
    if (!editor) return;
    const update = () => setWordCount((editor.storage as { characterCount?: { words(): number } }).characterCount?.words());
    editor.on('update', update);
    editor.on('create', update);
    update();
    onCleanup(() => {
      editor.off('update', update);
      editor.off('create', update);
    });
  });

  // Whose copy this is and whether it holds changes the server has not confirmed: signing out warns
  // about those, and a session that ends elsewhere leaves no saved copy behind (lib/local-copies.ts).
  // `pending` counts even before the first "committed" notice, e.g. typing offline from page load.
  createEffect(() => {
    const user = me();
    if (!user) return;
    const save = collab.save();
    const unsaved = collab.pending() > 0 || save === 'saving' ? true : save === 'saved' ? false : undefined;
    recordCopy(user, props.docId, { title: meta()?.document.title ?? null, unsaved, role: meta()?.workspace.role ?? null });
  });

  // Closing the tab with unsaved edits loses nothing once the local copy is there; warn only without one.
  createEffect(() => {
    if (collab.save() !== 'saving' || collab.localCopyReady()) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    onCleanup(() => window.removeEventListener('beforeunload', warn));
  });

  const context: DocumentContext = {
    docId: props.docId,
    editor: collab.editor,
    awareness: collab.awareness,
    document: () => meta()?.document,
    workspace: () => meta()?.workspace,
    me,
    readOnly,
    guest: () => meta()?.guest === true,
    openPanel: setSidePanel,
  };
  attachWhenReady(context, documentAttachments);

  return (
    <Show when={!missing()} fallback={<ErrorView error={missing()} retry={() => void refetch()} />}>
      <div class="doc-page" classList={{ 'has-side': documentPanels.length > 0 }}>
        <DocumentHeader document={meta()?.document} workspace={meta()?.workspace} people={people()} offlineTitle={offlineFacts()?.title} guest={meta()?.guest === true} />
        <div class="doc-chrome">
          {/* Viewers get no formatting controls they could never use, only the features' tools; commenters suggest with them. */}
          <Toolbar editor={collab.editor()} readOnly={!editable()} formatting={canFormat()} openPanel={setPanel}>
            {/* Only once the role is known: before that it could only say "Viewing", then jump. */}
            <Show when={role()}>
              <ModeSwitch mode={editMode.mode} modes={editMode.modes} choose={editMode.choose} />
            </Show>
            <ReviewAll editor={collab.editor} canReview={canReview} />
            {documentTools.length > 0 ? <span class="document-tools">{documentTools.map((tool) => tool.render(context))}</span> : undefined}
          </Toolbar>
          <Show when={unsuggestable()}>
            <p class="notice-info" role="status">
              That change cannot be a suggestion (it would alter someone else’s suggestion, or text that is no longer yours to take back), so nothing was changed.{' '}
              <button type="button" onClick={() => setUnsuggestable(false)}>
                Dismiss
              </button>
            </p>
          </Show>
          <Show when={panel() && collab.editor()} keyed>
            {(editor) => {
              const current = panel();
              return current ? <ToolPanels editor={editor} panel={current} close={() => setPanel(null)} /> : null;
            }}
          </Show>
          <StatusLine
            connection={collab.connection()}
            save={collab.save()}
            pending={collab.pending()}
            readOnly={role() !== undefined && !editable()}
            words={wordCount()}
            signInNext={location.pathname}
          />
        </div>
        <Show when={readOnly() && meta()?.workspace.role === 'viewer' && meta()}>{(m) => <ReadOnlyNotice role={m().workspace.role} workspaceName={m().workspace.name} guest={m().guest === true} />}</Show>
        <SuggestionCard docId={props.docId} editor={collab.editor} canReview={canReview} nameOf={nameOf} />
        <Show when={refusal()}>{(message) => <RefusedNotice message={message()} />}</Show>
        <div class="doc-layout">
          <article class="doc-paper" aria-label="Document">
            <div class="doc-editor" ref={setElement} />
          </article>
          <SidePanels panels={documentPanels} context={context} open={sidePanel()} onOpen={setSidePanel} />
        </div>
      </div>
    </Show>
  );
}
