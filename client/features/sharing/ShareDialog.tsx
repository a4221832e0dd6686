/**
 * "Share" on a document, as users know it from Google Docs: add a person by email with a role (someone
 * without an account gets an invitation link to sign up with, shown once), see
 * who has access and how (the group's members by role, guests with a role select and Remove, read-only
 * links with their expiry), make a link for 1, 7 or 30 days, copy it (shown once: only a hash is
 * kept) and revoke it. Revoking or removing closes their open sockets at once (server side).
 */
import { createSignal, For, Show } from 'solid-js';
import type { AccessMemberView, GuestRole } from '../../../shared/api/sharing.js';
import { guestRoles } from '../../../shared/api/sharing.js';
import { roles } from '../../../shared/roles.js';
import { Dialog } from '../../components/Dialog';
import { roleLabel } from '../../components/roles';
import { Timestamp } from '../../components/Timestamp';
import { ApiError } from '../../lib/api';
import { createLoad } from '../../lib/load';
import { sharedLinkUrl, sharingApi } from './api';
import './sharing.css';

const message = (caught: unknown, fallback: string) => (caught instanceof ApiError ? (caught.fields.email ?? caught.message) : fallback);

export default function ShareDialog(props: { docId: string; title: string; onClose: () => void }) {
  // Not a resource: a refetch under the button's Suspense would unmount the open dialog.
  const load = createLoad(() => props.docId, (id) => sharingApi.access(id));
  const access = load.value;
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [link, setLink] = createSignal<string | null>(null);
  const [inviteLink, setInviteLink] = createSignal<string | null>(null);
  const [emailed, setEmailed] = createSignal(false);
  const [copied, setCopied] = createSignal(false);
  let linkInput: HTMLInputElement | undefined;

  const run = async (work: () => Promise<unknown>, fallback: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      await load.reload();
      return true;
    } catch (caught) {
      setError(message(caught, fallback));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const addPerson = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    setInviteLink(null);
    const done = await run(async () => {
      const added = await sharingApi.addGuest(props.docId, { email: String(data.get('email') ?? '').trim(), role: String(data.get('role')) as GuestRole });
      if ('token' in added) {
        setEmailed(added.emailed);
        setInviteLink(`${location.origin}/invite/${encodeURIComponent(added.token)}`);
      }
    }, 'Could not share the document.');
    if (done) form.reset();
  };

  const makeLink = async (event: SubmitEvent) => {
    event.preventDefault();
    const days = Number(new FormData(event.currentTarget as HTMLFormElement).get('days')) as 1 | 7 | 30;
    setCopied(false);
    await run(async () => setLink(sharedLinkUrl((await sharingApi.createLink(props.docId, days)).token)), 'Could not make the link.');
    linkInput?.select();
  };

  const copy = async (value: string, input: HTMLInputElement | undefined, done: () => void) => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): select it for Ctrl+C instead.
      input?.select();
    }
    done();
  };
  let inviteInput: HTMLInputElement | undefined;

  const membersIn = (role: string): AccessMemberView[] => (access()?.members ?? []).filter((m) => m.role === role);

  return (
    <Dialog open title={`Share “${props.title || 'Untitled document'}”`} onClose={props.onClose}>
      <div class="share-dialog">
        <form class="share-add" onSubmit={(e) => void addPerson(e)}>
          <label class="grow">
            Add a person from outside the group
            <input name="email" type="email" required placeholder="name@example.org" autocomplete="off" />
          </label>
          <label>
            Role
            <select name="role" aria-label="Guest role">
              <For each={guestRoles}>{(role) => <option value={role} selected={role === 'commenter'}>{roleLabel(role)}</option>}</For>
            </select>
          </label>
          <button type="submit" class="button primary" disabled={busy()}>
            Share
          </button>
        </form>
        <Show when={error()}>
          {(text) => (
            <p class="form-error" role="alert">
              {text()}
            </p>
          )}
        </Show>

        <Show when={inviteLink()}>
          {(url) => (
            <div class="share-link">
              <p class="small-text">
                They have no Confer account yet. {emailed() ? 'We emailed them this invitation; you can also send it yourself' : 'Send them this invitation'}: they sign up with
                that address, then accept it.
              </p>
              <input ref={inviteInput} readOnly value={url()} aria-label="Invitation link" onFocus={(e) => e.currentTarget.select()} />
              <button type="button" class="button small" onClick={() => void copy(url(), inviteInput, () => undefined)}>
                Copy invitation
              </button>
            </div>
          )}
        </Show>

        <Show when={access()} fallback={<p class="muted">Loading who has access…</p>}>
          <h3 class="share-heading">People with access</h3>
          <ul class="share-list" aria-label="Guests">
            <For each={access()?.guests ?? []}>
              {(guest) => (
                <li class="share-row">
                  <span class="share-who">
                    <strong>{guest.name}</strong> <span class="share-tag">Guest</span>
                    <span class="muted small-text">{guest.email}</span>
                  </span>
                  <select
                    aria-label={`Role of ${guest.name}`}
                    value={guest.role}
                    disabled={busy()}
                    onChange={(e) => void run(() => sharingApi.setGuestRole(props.docId, guest.userId, e.currentTarget.value as GuestRole), 'Could not change the role.')}
                  >
                    <For each={guestRoles}>{(role) => <option value={role}>{roleLabel(role)}</option>}</For>
                  </select>
                  <button type="button" class="ghost small" disabled={busy()} onClick={() => void run(() => sharingApi.removeGuest(props.docId, guest.userId), 'Could not remove the guest.')}>
                    Remove
                  </button>
                </li>
              )}
            </For>
            <For each={access()?.invitations ?? []}>
              {(invitation) => (
                <li class="share-row">
                  <span class="share-who">
                    <strong>{invitation.email}</strong> <span class="share-tag">Invited</span>
                    <span class="muted small-text">
                      {roleLabel(invitation.role)}, until <Timestamp ms={invitation.expiresAt} full />
                    </span>
                  </span>
                  <button type="button" class="ghost small" disabled={busy()} onClick={() => void run(() => sharingApi.revokeInvitation(props.docId, invitation.id), 'Could not withdraw the invitation.')}>
                    Withdraw
                  </button>
                </li>
              )}
            </For>
          </ul>
          <For each={roles}>
            {(role) => (
              <Show when={membersIn(role).length > 0}>
                <p class="share-group">
                  <span class="muted">Group {roleLabel(role).toLowerCase()}s:</span> {membersIn(role).map((m) => m.name).join(', ')}
                </p>
              </Show>
            )}
          </For>

          <h3 class="share-heading">Read-only links</h3>
          <p class="muted small-text">Anyone with a link can read the document without signing in, without seeing who else is there. It stops working when it expires or you revoke it.</p>
          <form class="share-add" onSubmit={(e) => void makeLink(e)}>
            <label>
              Expires after
              <select name="days" aria-label="Link expiry">
                <option value="1">1 day</option>
                <option value="7" selected>
                  7 days
                </option>
                <option value="30">30 days</option>
              </select>
            </label>
            <button type="submit" class="button" disabled={busy()}>
              Create link
            </button>
          </form>
          <Show when={link()}>
            {(url) => (
              <div class="share-link">
                <input ref={linkInput} readOnly value={url()} aria-label="New read-only link" onFocus={(e) => e.currentTarget.select()} />
                <button type="button" class="button small" onClick={() => void copy(url(), linkInput, () => setCopied(true))}>
                  {copied() ? 'Copied' : 'Copy link'}
                </button>
                <p class="muted small-text">Copy it now: it is shown only once.</p>
              </div>
            )}
          </Show>
          <ul class="share-list" aria-label="Links">
            <For each={access()?.links ?? []}>
              {(l) => (
                <li class="share-row">
                  <span class="share-who">
                    Link by {l.createdBy.name}, expires <Timestamp ms={l.expiresAt} full />
                  </span>
                  <button type="button" class="ghost small" disabled={busy()} onClick={() => void run(() => sharingApi.revokeLink(props.docId, l.id), 'Could not revoke the link.')}>
                    Revoke
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
    </Dialog>
  );
}
