/**
 * `/shared/<token>`: a read-only link opens its document without signing in. The text comes over the
 * socket `/collab/:docId?link=<token>`, read-only and without presence (nobody sees the reader, the
 * reader sees nobody); no local copy is kept. A revoked or expired link says so, and a link that ends
 * while open closes its socket (4403), which the status line reports.
 */
import { useParams } from '@solidjs/router';
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import type { LinkTargetView } from '../../../shared/api/sharing.js';
import { CloseCode } from '../../../shared/protocol/index.js';
import { Loading } from '../../components/Loading';
import { StatusLine } from '../../components/StatusLine';
import { Timestamp } from '../../components/Timestamp';
import { createCollabEditor } from '../../editor/createCollabEditor';
import '../../editor/editor.css';
import { editorExtensions } from '../../editor/extensions';
import { ApiError } from '../../lib/api';
import { sharingApi } from './api';
import './sharing.css';

const ended = (error: unknown) =>
  error instanceof ApiError && error.status === 410 ? 'This link has expired or was revoked. Ask whoever sent it for a new one.' : 'This link does not open any document.';

export default function SharedLinkPage() {
  const params = useParams<{ token: string }>();
  const [target] = createResource(() => params.token, (token) => sharingApi.linkTarget(token).then((r) => r.link));
  return (
    <Switch fallback={<Loading label="Opening the shared document…" />}>
      <Match when={target.error !== undefined}>
        <section class="narrow">
          <h1>Link not valid</h1>
          <p>{ended(target.error)}</p>
        </section>
      </Match>
      <Match when={target()}>{(link) => <SharedReader token={params.token} link={link()} />}</Match>
    </Switch>
  );
}

function SharedReader(props: { token: string; link: LinkTargetView }) {
  const [element, setElement] = createSignal<HTMLDivElement>();
  document.title = `${props.link.title} · Confer`;
  const collab = createCollabEditor({
    docId: () => props.link.documentId,
    element,
    user: () => ({ name: 'Reader', color: '#2f5d8a' }),
    extensions: () =>
      editorExtensions({
        openLink: () => undefined,
        editMath: () => undefined,
        // The reader may have no session: the link itself fetches its document's images.
        imageUrl: (src) => `${src}?link=${encodeURIComponent(props.token)}`,
      }),
    editable: () => false,
    localCopyName: () => null,
    params: () => ({ link: props.token }),
    // Refused before opening (the link ended meanwhile): ask the API why, and say it.
    onRefused: () => {
      sharingApi.linkTarget(props.token).catch((error: unknown) => collab.stop(CloseCode.Forbidden, ended(error)));
    },
  });
  return (
    <div class="doc-page shared-page">
      <header class="doc-head">
        <div class="doc-head-main">
          <h1 class="doc-title">{props.link.title || 'Untitled document'}</h1>
          <p class="notice-info read-only-notice" role="note">
            <strong>Read only.</strong> You are reading this document through a shared link, which expires <Timestamp ms={props.link.expiresAt} full />.
          </p>
        </div>
      </header>
      <div class="doc-chrome">
        <StatusLine connection={collab.connection()} save={collab.save()} pending={0} readOnly words={undefined} signInNext={location.pathname} />
      </div>
      <Show when={collab.connection().kind === 'stopped'}>
        <p class="notice-info" role="alert">
          This link no longer opens the document.
        </p>
      </Show>
      <div class="doc-layout">
        <article class="doc-paper" aria-label="Document">
          <div class="doc-editor" ref={setElement} />
        </article>
      </div>
    </div>
  );
}
