/**
 * The profile's notification settings: for each kind, in the app and by email, in the app only, or
 * off; and the daily digest. Each change is saved at once. Without email on the server, the email
 * choices say so (the inbox still works).
 */
import { createResource, For, Show, createSignal } from 'solid-js';
import { NOTIFICATION_KINDS, type Delivery, type NotificationKind, type NotificationPreferencesView } from '../../../shared/api/notifications.js';
import { errorMessage } from '../../lib/api';
import { notificationsApi } from './api';
import './inbox.css';

/** What each kind is, in the words of the settings page. */
export const KIND_LABELS: Record<NotificationKind, string> = {
  mention: 'Someone mentions you',
  reply: 'A reply in a thread you took part in',
  assigned: 'A comment is assigned to you',
  resolved: 'Your thread is resolved',
  invitation: 'An invitation to a working group',
  'role-changed': 'Your role in a group changes',
  suggestion: 'A suggestion on a document you follow',
  deadline: 'A deadline of a document you follow (24 h and 1 h ahead)',
};

const DELIVERY_LABELS: Record<Delivery, string> = { email: 'In the app and by email', 'in-app': 'In the app only', off: 'Off' };

export function NotificationPreferences() {
  const [prefs, { mutate }] = createResource(() => notificationsApi.preferences());
  const [status, setStatus] = createSignal('');
  const save = async (change: Parameters<typeof notificationsApi.setPreferences>[0]) => {
    setStatus('Saving…');
    try {
      mutate(await notificationsApi.setPreferences(change));
      setStatus('Saved');
    } catch (error) {
      setStatus(errorMessage(error));
    }
  };
  return (
    <section class="notification-prefs" aria-labelledby="notification-prefs-heading">
      <h2 id="notification-prefs-heading">Notifications</h2>
      <Show when={prefs()} fallback={<p class="muted">Loading…</p>}>
        {(view: () => NotificationPreferencesView) => (
          <>
            <Show when={!view().emailAvailable}>
              <p class="muted small-text">Email is not set up on this server: notifications reach you in the app only.</p>
            </Show>
            <table class="prefs-table">
              <tbody>
                <For each={NOTIFICATION_KINDS}>
                  {(kind) => (
                    <tr>
                      <th scope="row">
                        <label for={`pref-${kind}`}>{KIND_LABELS[kind]}</label>
                      </th>
                      <td>
                        <select id={`pref-${kind}`} value={view().kinds[kind]} onChange={(event) => void save({ kinds: { [kind]: event.currentTarget.value as Delivery } })}>
                          <For each={['email', 'in-app', 'off'] as const}>
                            {(delivery) => (
                              <option value={delivery} disabled={delivery === 'email' && !view().emailAvailable && view().kinds[kind] !== 'email'}>
                                {DELIVERY_LABELS[delivery]}
                              </option>
                            )}
                          </For>
                        </select>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <label class="prefs-digest">
              <input type="checkbox" checked={view().digest} onChange={(event) => void save({ digest: event.currentTarget.checked })} /> Daily digest by email at the
              start of my working hours (else 08:00, my time): changes in documents I follow, threads waiting on me, deadlines this week
            </label>
          </>
        )}
      </Show>
      <p class="muted small-text" role="status">
        {status()}
      </p>
    </section>
  );
}
