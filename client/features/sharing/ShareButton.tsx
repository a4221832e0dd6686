/**
 * The document header's "Share" button (owners and editors of the group) and the breadcrumb a guest
 * sees instead of the group's. The dialog is its own chunk, loaded on the first click, so the document
 * page's JavaScript does not grow with it.
 */
import { A } from '@solidjs/router';
import { createSignal, lazy, Show, Suspense } from 'solid-js';

const ShareDialog = lazy(() => import('./ShareDialog'));

export function ShareButton(props: { docId: string; title: string }) {
  const [open, setOpen] = createSignal(false);
  return (
    <>
      <button type="button" class="button primary small share-button" onClick={() => setOpen(true)}>
        Share
      </button>
      <Show when={open()}>
        <Suspense>
          <ShareDialog docId={props.docId} title={props.title} onClose={() => setOpen(false)} />
        </Suspense>
      </Show>
    </>
  );
}

/** For a guest: the way back is the "Shared with me" list, not a group they cannot open. */
export function SharedBreadcrumb(props: { shown: boolean }) {
  return (
    <Show when={props.shown}>
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <A href="/#shared-heading">Shared with me</A>
      </nav>
    </Show>
  );
}
