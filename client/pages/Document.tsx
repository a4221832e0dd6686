/** `/d/:docId`: one document, edited live with everyone else on the same address. */
import { A, useLocation, useNavigate, useParams } from '@solidjs/router';
import { createEffect, createSignal, onCleanup, Show } from 'solid-js';
import { isValidDocId } from '../../shared/limits.js';
import { CloseCode } from '../../shared/protocol/index.js';
import { StatusLine } from '../components/StatusLine';
import { createCollabEditor } from '../editor/createCollabEditor';
import { ApiError, api } from '../lib/api';
import { randomGuest } from '../lib/guest';

function DocumentEditor(props: { docId: string }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [element, setElement] = createSignal<HTMLDivElement>();
  const [user] = createSignal(randomGuest());
  const probes = new AbortController();
  onCleanup(() => probes.abort());

  const toSignIn = () => navigate(`/signin?next=${encodeURIComponent(location.pathname)}`, { replace: true });
  // A refused upgrade (401/403 before any 101) is only a 1006 in the browser: ask the API why.
  const checkAccess = () => {
    api.document(props.docId, probes.signal).catch((error: unknown) => {
      if (!(error instanceof ApiError)) return;
      if (error.status === 401) toSignIn();
      else if (error.status === 403 || error.status === 404) {
        collab.stop(CloseCode.Forbidden, 'This document does not exist, or you do not have access to it.');
      }
    });
  };

  const collab = createCollabEditor({
    docId: () => props.docId,
    element,
    user,
    onRefused: checkAccess,
    onUnauthenticated: toSignIn,
  });

  // Leaving with edits the server has not committed would lose them: ask first.
  createEffect(() => {
    if (collab.save() !== 'saving') return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    onCleanup(() => window.removeEventListener('beforeunload', warn));
  });

  return (
    <article class="doc">
      <StatusLine connection={collab.connection()} save={collab.save()} signInNext={location.pathname} />
      <div class="doc-editor" ref={setElement} />
    </article>
  );
}

export default function DocumentPage() {
  const params = useParams<{ docId: string }>();
  createEffect(() => {
    document.title = `${params.docId} · Confer`;
  });
  return (
    <Show
      when={isValidDocId(params.docId)}
      fallback={
        <section class="narrow">
          <h1>Not a document address</h1>
          <p>
            Document addresses use letters, digits, <code>-</code> and <code>_</code>. <A href="/">Start a new document</A>.
          </p>
        </section>
      }
    >
      <DocumentEditor docId={params.docId} />
    </Show>
  );
}
