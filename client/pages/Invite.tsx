/**
 * `/invite/:token`: join a working group by invitation. The page first reads the invitation's preview
 * (which group, who invited you, as what), so a used, expired or withdrawn link says so at once, with
 * no button to press. Accepting is an explicit click (a link preview or prefetch must never use up a
 * single-use invitation); without a session you sign in first and come back.
 */
import { A, revalidate, useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import type { InvitePreviewView } from '../../shared/api/workspaces.js';
import { Loading } from '../components/Loading';
import { roleDescription, roleLabel } from '../components/roles';
import { Timestamp } from '../components/Timestamp';
import { ApiError } from '../lib/api';
import { invitesApi } from '../features/invites/api';
import { useSession } from '../lib/session';
import { getWorkspaces } from './workspaces.data';

/** Why an invitation cannot be used (or could not be read), in words for the invitee. */
function explain(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Could not read the invitation. Please try again.';
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

/** Whether the link can never be accepted (as opposed to a failure worth retrying). */
function isFinal(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 410);
}

type PreviewResult = { ok: true; invite: InvitePreviewView } | { ok: false; error: unknown };

export default function InvitePage() {
  const params = useParams<{ token: string }>();
  const session = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  document.title = 'Invitation · Confer';
  const next = () => encodeURIComponent(`/invite/${params.token}`);
  // Read as a value, not thrown: a dead link is this page's content, not a page error.
  const [preview] = createResource(
    () => params.token,
    (token): Promise<PreviewResult> =>
      invitesApi.preview(token).then(
        (answer) => ({ ok: true as const, invite: answer.invite }),
        (caught: unknown) => ({ ok: false as const, error: caught }),
      ),
  );
  const invite = () => {
    const result = preview();
    return result?.ok ? result.invite : undefined;
  };
  const dead = () => {
    const result = preview();
    if (result && !result.ok && isFinal(result.error)) return result.error;
    return isFinal(error()) ? error() : null;
  };

  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      const accepted = await invitesApi.accept(params.token);
      // An invitation to one document (as a guest) opens that document; one to the group, the group.
      if ('document' in accepted) return navigate(`/d/${accepted.document.id}`, { replace: true });
      await revalidate(getWorkspaces.key);
      navigate(`/w/${accepted.workspace.id}`, { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="narrow panel invite">
      <Show when={!preview.loading} fallback={<Loading label="Reading the invitation…" />}>
        <Show
          when={!dead()}
          fallback={
            <>
              <h1>This invitation cannot be used</h1>
              <p class="form-error" role="alert">
                {explain(dead())}
              </p>
              <div class="actions">
                <A href="/" class="button">
                  Go to your working groups
                </A>
              </div>
            </>
          }
        >
          <Show when={invite()} fallback={<h1>You are invited to a working group</h1>}>
            {(details) => (
              <Show
                when={details().documentTitle === undefined || details().documentTitle === null}
                fallback={
                  <>
                    <h1>Open “{details().documentTitle}”</h1>
                    <p class="invite-summary">
                      <strong>{details().invitedBy}</strong> shared the document <strong>{details().documentTitle}</strong> of {details().workspaceName} with you as{' '}
                      <strong>{roleLabel(details().role).toLowerCase()}</strong>. You will see this one document, not the rest of the group.
                    </p>
                    <p class="hint">
                      <Timestamp ms={details().expiresAt} prefix="The link expires" full />
                      <Show when={details().addressed}>. Only the email address it was sent to can accept it</Show>.
                    </p>
                  </>
                }
              >
                <h1>Join {details().workspaceName}</h1>
                <p class="invite-summary">
                  <strong>{details().invitedBy}</strong> invited you to join <strong>{details().workspaceName}</strong> as{' '}
                  <strong>{roleLabel(details().role).toLowerCase()}</strong> ({roleDescription(details().role).toLowerCase()}).
                </p>
                <p class="hint">
                  <Timestamp ms={details().expiresAt} prefix="The link expires" full />
                  <Show when={details().addressed}>. Only the email address it was sent to can accept it</Show>.
                </p>
              </Show>
            )}
          </Show>
          <Show when={preview()?.ok === false}>
            <p class="form-error" role="alert">
              {explain((preview() as { error: unknown }).error)}
            </p>
          </Show>
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
                    You are signed in as <strong>{me().name}</strong> ({me().email}). Joining lets the group's members see your name, email
                    and local time.
                  </p>
                  <Show when={error()}>
                    {(caught) => (
                      <p class="form-error" role="alert">
                        {explain(caught())}
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
        </Show>
      </Show>
    </section>
  );
}
