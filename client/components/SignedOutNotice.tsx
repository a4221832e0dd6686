/**
 * "You were signed out": shown under the header when the server ends a session this page believed in
 * (signed out in another tab or device, a password change elsewhere, expiry). Hearing of it, the
 * session is read again, so the header stops showing the old user at once.
 */
import { A, useLocation } from '@solidjs/router';
import { createEffect, createSignal, onCleanup, Show } from 'solid-js';
import { useSession } from '../lib/session';
import { onSignedOut } from '../lib/signed-out';
import './signed-out-notice.css';

export function SignedOutNotice() {
  const session = useSession();
  const location = useLocation();
  const [shown, setShown] = createSignal(false);
  // Several requests may fail at once; one re-read of the session is enough.
  let rereading = false;
  const stop = onSignedOut(() => {
    if (!session.me() || rereading) return;
    rereading = true;
    setShown(true);
    void session.refresh().finally(() => {
      rereading = false;
    });
  });
  onCleanup(stop);
  // Signed in again: the notice has done its job.
  createEffect(() => {
    if (session.me()) setShown(false);
  });
  const next = () => encodeURIComponent(location.pathname + location.search);
  return (
    <Show when={shown() && session.me() === null}>
      <div class="signed-out-notice" role="alert">
        <p>
          <strong>You were signed out.</strong> Your session ended: you signed out elsewhere, your password was changed, or it expired.{' '}
          <Show when={!location.pathname.startsWith('/sign')}>
            <A href={`/signin?next=${next()}`}>Sign in again</A>
          </Show>
        </p>
        <button type="button" class="ghost small" onClick={() => setShown(false)}>
          Dismiss
        </button>
      </div>
    </Show>
  );
}
