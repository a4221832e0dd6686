/**
 * `/invite/:token`: join a working group by invitation. Accepting is an explicit click (a link preview
 * or prefetch must never use up a single-use invitation); without a session you sign in first and come back.
 */
import { A, revalidate, useNavigate, useParams } from '@solidjs/router';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { ApiError } from '../lib/api';
import { invitesApi } from '../features/invites/api';
import { useSession } from '../lib/session';
import { getWorkspaces } from './workspaces.data';

function explain(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Could not accept the invitation. Please try again.';
  switch (error.code) {
    case 'invite_expired':
      return 'This invitation has expired. Ask the owner of the working group for a new link.';
    case 'invite_revoked':
      return 'This invitation was withdrawn by the owner of the working group.';
    case 'invite_used':
      return 'This invitation has already been used. Each link works once; ask for a new one.';
  }
  if (error.status === 404) return 'This invitation link is not valid. Check that you copied all of it.';
  if (error.status === 403) return 'This invitation is addressed to a different email address. Sign in with that account to accept it.';
  return error.message;
}

export default function InvitePage() {
  const params = useParams<{ token: string }>();
  const session = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  document.title = 'Invitation · Confer';
  const next = () => encodeURIComponent(`/invite/${params.token}`);

  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      const { workspace } = await invitesApi.accept(params.token);
      await revalidate(getWorkspaces.key);
      navigate(`/w/${workspace.id}`, { replace: true });
    } catch (caught) {
      setError(explain(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="narrow panel invite">
      <h1>You are invited to a working group</h1>
      <Switch>
        <Match when={session.me() === null}>
          <p>Sign in, or create an account, to join. You will come straight back here.</p>
          <div class="actions">
            <A href={`/signup?next=${next()}`} class="button primary">
              Create an account
            </A>
            <A href={`/signin?next=${next()}`} class="button">
              Sign in
            </A>
          </div>
        </Match>
        <Match when={session.me()}>
          {(me) => (
            <>
              <p>
                You are signed in as <strong>{me().name}</strong> ({me().email}). Joining lets the group's members see your name, email and
                local time.
              </p>
              <Show when={error()}>
                {(message) => (
                  <p class="form-error" role="alert">
                    {message()}
                  </p>
                )}
              </Show>
              <div class="actions">
                <button type="button" class="primary" disabled={busy()} onClick={() => void accept()}>
                  {busy() ? 'Joining…' : 'Accept invitation'}
                </button>
                <A href="/" class="button">
                  Not now
                </A>
              </div>
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}
