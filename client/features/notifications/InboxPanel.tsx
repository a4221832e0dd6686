/**
 * The inbox: newest first, each entry saying who did what and where, with the excerpt and a link to
 * the exact place; opening an entry marks it read; "Mark all read". A notification pushed while the
 * panel is open appears at the top at once.
 */
import { A } from '@solidjs/router';
import { createEffect, createSignal, For, on, onMount, Show } from 'solid-js';
import type { NotificationView } from '../../../shared/api/notifications.js';
import { Timestamp } from '../../components/Timestamp';
import { errorMessage } from '../../lib/api';
import { notificationsApi } from './api';
import { headline, hrefOf, where } from './describe';
import type { LiveInbox } from './live';

export interface InboxPanelProps {
  live: LiveInbox;
  close: () => void;
}

export default function InboxPanel(props: InboxPanelProps) {
  const [entries, setEntries] = createSignal<NotificationView[]>([]);
  const [nextBefore, setNextBefore] = createSignal<number | null>(null);
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const load = async (before?: number) => {
    try {
      const page = await notificationsApi.list(before);
      const known = new Set(entries().map((e) => e.id));
      setEntries([...entries(), ...page.notifications.filter((n) => !known.has(n.id))]);
      setNextBefore(page.nextBefore);
      props.live.setUnread(page.unread);
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setLoaded(true);
    }
  };
  onMount(() => void load());
  createEffect(
    on(
      props.live.latest,
      (pushed) => {
        if (pushed && !entries().some((e) => e.id === pushed.id)) setEntries([pushed, ...entries()]);
      },
      { defer: true },
    ),
  );

  const markRead = async (view: NotificationView) => {
    if (view.readAt !== null) return;
    const at = Date.now();
    setEntries(entries().map((e) => (e.id === view.id ? { ...e, readAt: at } : e)));
    props.live.setUnread(Math.max(0, props.live.unread() - 1));
    await notificationsApi.markRead(view.id).catch((failure: unknown) => setError(errorMessage(failure)));
  };
  const markAllRead = async () => {
    const at = Date.now();
    setEntries(entries().map((e) => (e.readAt === null ? { ...e, readAt: at } : e)));
    props.live.setUnread(0);
    await notificationsApi.markAllRead().catch((failure: unknown) => setError(errorMessage(failure)));
  };

  return (
    <section class="inbox-panel" role="dialog" aria-label="Notifications">
      <header class="inbox-head">
        <h2>Notifications</h2>
        <button type="button" class="ghost" disabled={props.live.unread() === 0} onClick={() => void markAllRead()}>
          Mark all read
        </button>
      </header>
      <Show when={error()}>{(message) => <p class="error" role="alert">{message()}</p>}</Show>
      <Show when={loaded() && entries().length === 0 && !error()}>
        <p class="muted inbox-empty">Nothing yet. Mentions, replies and assignments will appear here.</p>
      </Show>
      <ul class="inbox-list">
        <For each={entries()}>
          {(view) => {
            const href = hrefOf(view);
            return (
              <li class="inbox-entry" classList={{ unread: view.readAt === null }} data-kind={view.kind}>
                <div class="inbox-line">
                  <Show when={href} fallback={<span class="inbox-headline">{headline(view)}</span>}>
                    {(link) => (
                      <A
                        href={link()}
                        class="inbox-headline"
                        onClick={(event) => {
                          const target = link();
                          const read = markRead(view);
                          props.close();
                          // The document page follows a deep link when it opens: on that same document, open it
                          // afresh, once the read is recorded (a page load would cancel the request).
                          if (view.document && location.pathname === `/d/${encodeURIComponent(view.document.id)}`) {
                            event.preventDefault();
                            void read.finally(() => location.assign(target));
                          }
                        }}
                      >
                        {headline(view)}
                      </A>
                    )}
                  </Show>
                  <span class="muted"> {where(view)}</span>
                </div>
                <Show when={view.excerpt}>
                  <blockquote class="inbox-excerpt">{view.excerpt}</blockquote>
                </Show>
                <div class="inbox-meta">
                  <Timestamp ms={view.createdAt} />
                  <Show when={view.readAt === null}>
                    <button type="button" class="ghost inbox-read" onClick={() => void markRead(view)} aria-label={`Mark read: ${headline(view)} ${where(view)}`}>
                      Mark read
                    </button>
                  </Show>
                </div>
              </li>
            );
          }}
        </For>
      </ul>
      <Show when={nextBefore()}>
        {(before) => (
          <button type="button" class="ghost" onClick={() => void load(before())}>
            Older notifications
          </button>
        )}
      </Show>
    </section>
  );
}
