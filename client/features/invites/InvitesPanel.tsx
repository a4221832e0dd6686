/**
 * Owners invite people by role (optionally only one email may accept), copy the link (shown once:
 * the server keeps only a hash), and revoke pending invitations.
 */
import { createAsync, revalidate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import type { WorkspaceView } from '../../../shared/api/workspaces.js';
import { roles, type Role } from '../../../shared/roles.js';
import { ApiError } from '../../lib/api';
import { invitesApi } from './api';
import { getInvites } from '../../pages/workspace.data';
import { Loading } from '../../components/Loading';
import { roleDescription, roleLabel } from '../../components/roles';
import { Timestamp } from '../../components/Timestamp';

export function InvitesPanel(props: { workspace: WorkspaceView }) {
  const invites = createAsync(() => getInvites(props.workspace.id));
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [link, setLink] = createSignal<string | null>(null);
  const [copied, setCopied] = createSignal(false);
  let linkInput: HTMLInputElement | undefined;
  const refresh = () => revalidate(getInvites.keyFor(props.workspace.id));

  const create = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const email = String(data.get('email') ?? '').trim();
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      const created = await invitesApi.create(props.workspace.id, {
        role: String(data.get('role')) as Role,
        email: email || undefined,
        expiresInHours: Number(data.get('expires')),
      });
      setLink(`${location.origin}/invite/${created.token}`);
      await refresh();
      linkInput?.select();
    } catch (caught) {
      setError(caught instanceof ApiError ? (caught.fields.email ?? caught.message) : 'Could not create the invitation.');
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    const value = link();
    if (!value) return;
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): select it for Ctrl+C instead.
      linkInput?.select();
    }
    setCopied(true);
  };

  const revoke = async (id: string) => {
    setError(null);
    try {
      await invitesApi.revoke(props.workspace.id, id);
      await refresh();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Could not revoke the invitation.');
    }
  };

  return (
    <section class="panel invites" aria-labelledby="invites-heading">
      <h3 id="invites-heading">Invite people</h3>
      <form class="invite-form" onSubmit={(event) => void create(event)}>
        <label>
          Role
          <select name="role" aria-label="Invitation role" aria-describedby="invite-role-hint">
            <For each={roles}>{(role) => <option value={role} selected={role === 'editor'}>{roleLabel(role)}</option>}</For>
          </select>
        </label>
        <label class="grow">
          Email (optional)
          <input name="email" type="email" autocomplete="off" placeholder="Anyone with the link" aria-describedby="invite-email-hint" />
        </label>
        <label>
          Expires after
          <select name="expires">
            <option value="24">1 day</option>
            <option value="168" selected>
              7 days
            </option>
            <option value="720">30 days</option>
          </select>
        </label>
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? 'Creating…' : 'Create invitation link'}
        </button>
      </form>
      <p class="hint" id="invite-email-hint">
        With an email, only the account with that address can accept the invitation.
      </p>
      <p class="hint" id="invite-role-hint">
        {roles.map((r) => `${roleLabel(r)}: ${roleDescription(r).toLowerCase()}`).join('. ')}.
      </p>
      <Show when={error()}>
        {(message) => (
          <p class="form-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <Show when={link()}>
        {(value) => (
          <div class="invite-link">
            <label class="grow">
              Invitation link <span class="muted">(shown once; send it to the person you invite)</span>
              <input ref={linkInput} readOnly value={value()} onFocus={(e) => e.currentTarget.select()} data-testid="invite-link" />
            </label>
            <button type="button" onClick={() => void copy()}>
              {copied() ? 'Copied' : 'Copy link'}
            </button>
          </div>
        )}
      </Show>
      <h4>Pending invitations</h4>
      <Show when={invites()} fallback={<Loading label="Loading invitations…" />}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="muted">No pending invitations.</p>}>
            <ul class="invite-list" aria-label="Pending invitations">
              <For each={list()}>
                {(invite) => (
                  <li class="invite-row">
                    <span class={`role-badge role-${invite.role}`}>{roleLabel(invite.role)}</span>
                    <span class="grow">{invite.email ?? 'Anyone with the link'}</span>
                    <span class="muted">
                      <Timestamp ms={invite.createdAt} prefix="Created" /> · <Timestamp ms={invite.expiresAt} prefix="expires" />
                    </span>
                    <button type="button" class="ghost small danger" onClick={() => void revoke(invite.id)} aria-label={`Revoke invitation for ${invite.email ?? 'anyone with the link'}`}>
                      Revoke
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}
