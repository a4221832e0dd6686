/**
 * Guests of one document under /api/documents/:id/guests: an owner or editor of the group adds a
 * person by email with a role (editor, commenter, viewer): an account at once, an address without one
 * by an invitation to sign up and accept; they change the role or remove the guest, and a guest may
 * remove themselves. A new role reconnects the guest's sockets; removal closes them (4403).
 */
import { Hono } from 'hono';
import { addGuestInput, updateGuestInput } from '../../../shared/api/sharing.js';
import { documentOr404 } from '../../http/access.js';
import { ApiError } from '../../http/errors.js';
import type { SessionEnv } from '../../http/session.js';
import { jsonBody } from '../../http/validate.js';
import type { GuestRecord } from '../../storage/sharing.js';
import type { SharingDeps } from './deps.js';
import { shareableDocument } from './manage.js';
import { notifySharedWith } from './notify.js';
import { inviteToDocument } from './invitations.js';
import { presentGuest, presentInvitation } from './presenters.js';

const noGuest = () => new ApiError(404, 'not_found', 'no such guest of this document');

export function guestRoutes(deps: SharingDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  const present = async (guest: GuestRecord) => presentGuest(guest, await deps.people([guest.invitedBy]));
  const find = async (docId: string, userId: string) => (await deps.sharing.guests(docId)).find((g) => g.userId === userId);

  app.post('/:id/guests', jsonBody(addGuestInput), async (c) => {
    const me = c.get('session').user;
    const doc = await shareableDocument(deps, c.req.param('id'), me.id);
    const { email, role } = c.req.valid('json');
    const user = await deps.accounts.userByEmail(email);
    // No account yet: an invitation bound to the address, accepted after signing up.
    if (!user) {
      const { invite, token } = await inviteToDocument(deps, doc, email, role, me.id);
      await deps.activity.logEvent(doc.id, me.id, 'guest-added', `${email} (${role}, invited)`);
      if (deps.mailDocumentInvite) await deps.mailDocumentInvite(email, token, me.id, doc.title);
      return c.json({ invitation: presentInvitation(invite, await deps.people([me.id])), token, emailed: deps.mailDocumentInvite !== undefined }, 201);
    }
    if (await deps.workspaces.membership(doc.workspaceId, user.id)) {
      throw new ApiError(409, 'already_member', `${user.name} is a member of this group and already has access`);
    }
    const now = deps.now();
    const before = await deps.sharing.putGuest(doc.id, user.id, role, me.id, now);
    if (before === null) {
      await deps.activity.logEvent(doc.id, me.id, 'guest-added', `${user.name} (${role})`);
      await notifySharedWith(deps, doc, user.id, me.id, now);
    } else if (before !== role) deps.auth.revoker.guestChanged(doc.id, user.id, role);
    const guest = await find(doc.id, user.id);
    if (!guest) throw noGuest();
    return c.json({ guest: await present(guest) }, before === null ? 201 : 200);
  });

  app.patch('/:id/guests/:userId', jsonBody(updateGuestInput), async (c) => {
    const doc = await shareableDocument(deps, c.req.param('id'), c.get('session').user.id);
    const userId = c.req.param('userId');
    const { role } = c.req.valid('json');
    const previous = await find(doc.id, userId);
    if (!previous || !(await deps.sharing.setGuestRole(doc.id, userId, role))) throw noGuest();
    if (previous.role !== role) deps.auth.revoker.guestChanged(doc.id, userId, role);
    return c.json({ guest: await present({ ...previous, role }) });
  });

  app.delete('/:id/invitations/:inviteId', async (c) => {
    const doc = await shareableDocument(deps, c.req.param('id'), c.get('session').user.id);
    if (!(await deps.invites.revokeForDocument(doc.id, c.req.param('inviteId'), deps.now()))) {
      throw new ApiError(404, 'not_found', 'no pending invitation to this document with this ID');
    }
    return c.body(null, 204);
  });

  // Managers remove any guest; a guest may leave on their own.
  app.delete('/:id/guests/:userId', async (c) => {
    const me = c.get('session').user.id;
    const userId = c.req.param('userId');
    const doc = userId === me ? (await documentOr404(deps.documents, c.req.param('id'), me)).doc : await shareableDocument(deps, c.req.param('id'), me);
    const guest = await find(doc.id, userId);
    if (!guest || !(await deps.sharing.removeGuest(doc.id, userId))) throw noGuest();
    deps.auth.revoker.guestChanged(doc.id, userId, null);
    await deps.activity.logEvent(doc.id, me, 'guest-removed', guest.name);
    return c.body(null, 204);
  });

  return app;
}
