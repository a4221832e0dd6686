/**
 * "Subscribe in your calendar": a secret address of the group's deadlines for calendar apps (which
 * cannot sign in). Only its hash is kept on the server, so the address is shown once, when made;
 * making a new one turns the old one off.
 */
import { createSignal, Show } from 'solid-js';
import { errorMessage } from '../../lib/api';
import { createLoad } from '../../lib/load';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../lib/session';
import { deadlinesApi } from './api';
import './deadlines.css';

export function CalendarFeed(props: { workspaceId: string }) {
  const session = useSession();
  const [open, setOpen] = createSignal(false);
  const [url, setUrl] = createSignal<string | null>(null);
  const [error, setError] = createSignal('');
  const feed = createLoad(() => (open() ? props.workspaceId : undefined), async (id) => (await deadlinesApi.feed(id)).feed);
  const run = async (action: () => Promise<void>) => {
    setError('');
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const make = () =>
    run(async () => {
      const made = (await deadlinesApi.newFeed(props.workspaceId)).feed;
      setUrl(made.url);
      feed.set({ createdAt: made.createdAt });
    });
  const stop = () =>
    run(async () => {
      await deadlinesApi.stopFeed(props.workspaceId);
      setUrl(null);
      feed.set({ createdAt: null });
    });
  return (
    <div class="calendar-feed">
      <button type="button" class="ghost small" aria-expanded={open()} onClick={() => setOpen(!open())}>
        Deadlines in your calendar
      </button>
      <Show when={open()}>
        <div class="panel calendar-feed-panel">
          <p>
            Subscribe to this group’s deadlines in Google Calendar, Outlook or Apple Calendar with a private address. Anyone who has the address can
            see the deadlines, so keep it to yourself; it stops working if you leave the group.
          </p>
          <Show when={url()}>
            {(address) => (
              <label class="calendar-feed-url">
                Your feed address (shown once)
                <input type="text" readonly value={address()} onFocus={(e) => e.currentTarget.select()} />
              </label>
            )}
          </Show>
          <Show when={!url() && feed.value()?.createdAt}>
            {(made) => <p class="muted">You made an address on {formatDateTime(made(), session.zone(), session.now())}. A new one turns it off.</p>}
          </Show>
          <div class="row">
            <button type="button" class="primary small" onClick={() => void make()}>
              {feed.value()?.createdAt ? 'Make a new address' : 'Make my feed address'}
            </button>
            <Show when={feed.value()?.createdAt}>
              <button type="button" class="ghost small" onClick={() => void stop()}>
                Turn the feed off
              </button>
            </Show>
          </div>
          <Show when={error()}>
            <p class="field-error" role="alert">{error()}</p>
          </Show>
        </div>
      </Show>
    </div>
  );
}
