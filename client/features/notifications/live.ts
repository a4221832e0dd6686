/**
 * The signed-in user's live inbox socket (`/api/notifications/live`): the unread count, and each new
 * notification as it arrives. Reconnects with a growing pause after a drop; stops for good on 4401
 * (the session ended: the app's signed-out notice takes over). Whoever creates it calls `close`.
 */
import { createSignal, type Accessor } from 'solid-js';
import type { LiveNotificationMessage, NotificationView } from '../../../shared/api/notifications.js';

export interface LiveInbox {
  unread: Accessor<number>;
  /** True once the server told the count (before that, `unread` is only a placeholder 0). */
  known: Accessor<boolean>;
  /** The newest notification pushed since the page opened (the open panel shows it at once). */
  latest: Accessor<NotificationView | null>;
  /** Sets the count after this page marked something read (the server's push confirms it). */
  setUnread(count: number): void;
  close(): void;
}

const MAX_PAUSE_MS = 30_000;

export function createLiveInbox(): LiveInbox {
  const [unread, setUnread] = createSignal(0);
  const [latest, setLatest] = createSignal<NotificationView | null>(null);
  const [known, setKnown] = createSignal(false);
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pause = 1000;
  let closed = false;

  const open = () => {
    if (closed) return;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/notifications/live`;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      pause = 1000;
    };
    ws.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      let message: LiveNotificationMessage;
      try {
        message = JSON.parse(event.data) as LiveNotificationMessage;
      } catch {
        return;
      }
      setUnread(message.unread);
      setKnown(true);
      if (message.type === 'notification') setLatest(message.notification);
    };
    ws.onclose = (event) => {
      if (socket === ws) socket = null;
      if (closed || event.code === 4401) return;
      timer = setTimeout(open, pause);
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
    };
  };
  open();
  return {
    unread,
    known,
    latest,
    setUnread,
    close() {
      closed = true;
      clearTimeout(timer);
      socket?.close(1000, 'page closed');
      socket = null;
    },
  };
}
