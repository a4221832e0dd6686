/**
 * Members of a working group with their role and local time. Owners change roles and remove people;
 * anyone may leave. The server keeps at least one owner (409 last_owner), and the message says so.
 */
import { createAsync, revalidate, useNavigate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import type { MemberView, WorkspaceView } from '../../../shared/api/workspaces.js';
import { can, roles, type Role } from '../../../shared/roles.js';
import { ApiError } from '../../lib/api';
import { membersApi } from './api';
import { useSession } from '../../lib/session';
import { clockIn, zoneCity } from '../../lib/time';
import { getMembers, getWorkspace } from '../../pages/workspace.data';
import { getWorkspaces } from '../../pages/workspaces.data';
import { Avatar } from '../../components/Avatar';
import { Loading } from '../../components/Loading';
import { roleDescription, roleLabel } from '../../components/roles';
import { Timestamp } from '../../components/Timestamp';
import { InvitesPanel } from '../invites/InvitesPanel';

const NEUTRAL = '#5b6472';

export function MembersTab(props: { workspace: WorkspaceView }) {
  const session = useSession();
  const navigate = useNavigate();
  const members = createAsync(() => getMembers(props.workspace.id));
  const [error, setError] = createSignal<string | null>(null);
  const isOwner = () => can(props.workspace.role, 'members.manage');
  const me = () => session.me()?.id;
  // The server refuses to let the last owner leave (409); do not offer a button that cannot work.
  const canLeave = (list: MemberView[]) => !(props.workspace.role === 'owner' && list.filter((m) => m.role === 'owner').length <= 1);

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await revalidate([getMembers.keyFor(props.workspace.id), getWorkspace.keyFor(props.workspace.id)]);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The change did not go through. Please try again.');
      await revalidate(getMembers.keyFor(props.workspace.id));
    }
  };

  const changeRole = (member: MemberView, role: Role) => run(() => membersApi.setRole(props.workspace.id, member.userId, role));
  const remove = (member: MemberView) => {
    if (!confirm(`Remove ${member.name} from ${props.workspace.name}? They lose access to its documents at once.`)) return;
    void run(() => membersApi.remove(props.workspace.id, member.userId));
  };
  const leave = async () => {
    if (!confirm(`Leave ${props.workspace.name}? You will need a new invitation to come back.`)) return;
    setError(null);
    try {
      await membersApi.remove(props.workspace.id, me() ?? '');
      await revalidate(getWorkspaces.key);
      navigate('/', { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Could not leave the working group.');
    }
  };

  return (
    <section aria-labelledby="members-heading">
      <div class="section-head">
        <h2 id="members-heading">Members</h2>
      </div>
      <Show when={error()}>
        {(message) => (
          <p class="form-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <Show when={members()} fallback={<Loading label="Loading members…" />}>
        {(list) => (
          <ul class="member-list" aria-label="Members">
            <For each={list()}>
              {(member) => (
                <li class="member-row">
                  <Avatar name={member.name} color={member.userId === me() ? (session.me()?.color ?? NEUTRAL) : NEUTRAL} />
                  <span class="member-who">
                    <strong>
                      {member.name}
                      <Show when={member.userId === me()}> (you)</Show>
                    </strong>
                    <span class="muted">{member.email}</span>
                  </span>
                  <span class="member-time" title={member.timeZone}>
                    {clockIn(member.timeZone, session.now())} {zoneCity(member.timeZone)}
                    <span class="muted small-text">
                      joined <Timestamp ms={member.joinedAt} />
                    </span>
                  </span>
                  <span class="member-role">
                    <Show when={isOwner()} fallback={<span class={`role-badge role-${member.role}`} title={roleDescription(member.role)}>{roleLabel(member.role)}</span>}>
                      <label>
                        <span class="visually-hidden">Role of {member.name}</span>
                        <select value={member.role} onChange={(e) => void changeRole(member, e.currentTarget.value as Role)}>
                          <For each={roles}>{(role) => <option value={role}>{roleLabel(role)}</option>}</For>
                        </select>
                      </label>
                    </Show>
                  </span>
                  <span class="member-actions">
                    <Show when={member.userId === me() && canLeave(list())}>
                      <button type="button" class="ghost small" onClick={() => void leave()}>
                        Leave
                      </button>
                    </Show>
                    <Show when={isOwner() && member.userId !== me()}>
                      <button type="button" class="ghost small danger" onClick={() => remove(member)} aria-label={`Remove ${member.name}`}>
                        Remove
                      </button>
                    </Show>
                  </span>
                </li>
              )}
            </For>
          </ul>
        )}
      </Show>
      <Show when={isOwner()}>
        <InvitesPanel workspace={props.workspace} />
      </Show>
    </section>
  );
}
