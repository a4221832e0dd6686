/**
 * The bell in the header: the unread count, live over the per-user socket, and the inbox panel it
 * opens. The panel is a lazy chunk, so the document page does not pay for it until someone opens it.
 */
import { createSignal, lazy, onCleanup, onMount, Show, Suspense } from 'solid-js';
import { createLiveInbox } from './live';
import './inbox.css';

const InboxPanel = lazy(() => import('./InboxPanel'));

export function Bell() {
  const live = createLiveInbox();
  onCleanup(() => live.close());
  const [open, setOpen] = createSignal(false);
  let root: HTMLDivElement | undefined;
  let button: HTMLButtonElement | undefined;
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button?.focus();
  };
  onMount(() => {
    const onPointer = (event: PointerEvent) => {
      if (open() && root && event.target instanceof Node && !root.contains(event.target)) close(false);
    };
    document.addEventListener('pointerdown', onPointer);
    onCleanup(() => document.removeEventListener('pointerdown', onPointer));
  });
  const label = () => (live.unread() === 0 ? 'Notifications, none unread' : `Notifications, ${live.unread()} unread`);
  return (
    <div
      class="bell"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open()) close(true);
      }}
    >
      <button ref={button} type="button" class="ghost bell-button" aria-label={label()} aria-expanded={open()} aria-haspopup="dialog" data-unread={live.known() ? String(live.unread()) : undefined} onClick={() => setOpen(!open())}>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        <Show when={live.unread() > 0}>
          <span class="bell-count" aria-hidden="true">
            {live.unread() > 99 ? '99+' : live.unread()}
          </span>
        </Show>
      </button>
      <Show when={open()}>
        <Suspense fallback={<div class="inbox-panel">Loading…</div>}>
          <InboxPanel live={live} close={() => close(false)} />
        </Suspense>
      </Show>
    </div>
  );
}
