/**
 * Who has access to a document: GET /api/documents/:id/access for the Share dialog (owners and editors
 * of the group: members by role, guests, live links) and GET /api/documents/:id/people, the people who
 * can be mentioned in it, guests marked as guests.
 *
 * A guest never sees the group's member list: their people are the other guests and the members who
 * brought the document to them (its creator, whoever shared it), so they can still mention those.
 */
import { Hono } from 'hono';
import type { MentionablePerson } from '../../../shared/api/notifications.js';
import type { DocumentAccessView } from '../../../shared/api/sharing.js';
import { documentOr404 } from '../../http/access.js';
import type { SessionEnv } from '../../http/session.js';
import type { SharingDeps } from './deps.js';
import { shareableDocument } from './manage.js';
import { presentGuest, presentInvitation, presentLink } from './presenters.js';

export function accessRoutes(deps: SharingDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();

  app.get('/:id/access', async (c) => {
    const doc = await shareableDocument(deps, c.req.param('id'), c.get('session').user.id);
    const [members, guests, invitations, links] = await Promise.all([
      deps.workspaces.members(doc.workspaceId),
      deps.sharing.guests(doc.id),
      deps.invites.pendingForDocument(doc.id, deps.now()),
      deps.sharing.liveLinks(doc.id, deps.now()),
    ]);
    const people = await deps.people([...guests.map((g) => g.invitedBy), ...invitations.map((i) => i.createdBy), ...links.map((l) => l.createdBy)]);
    const view: DocumentAccessView = {
      members: members.map((m) => ({ userId: m.userId, name: m.name, email: m.email, role: m.role })),
      guests: guests.map((g) => presentGuest(g, people)),
      invitations: invitations.map((i) => presentInvitation(i, people)),
      links: links.map((l) => presentLink(l, people)),
    };
    return c.json(view);
  });

  app.get('/:id/people', async (c) => {
    const { doc, guest } = await documentOr404(deps.documents, c.req.param('id'), c.get('session').user.id);
    const [members, guests] = await Promise.all([deps.workspaces.members(doc.workspaceId), deps.sharing.guests(doc.id)]);
    const visibleToGuest = new Set([doc.createdBy, ...guests.map((g) => g.invitedBy)]);
    const people: MentionablePerson[] = [
      ...members.filter((m) => !guest || visibleToGuest.has(m.userId)).map((m) => ({ id: m.userId, name: m.name, email: m.email, guest: false })),
      ...guests.map((g) => ({ id: g.userId, name: g.name, email: g.email, guest: true })),
    ];
    return c.json({ people });
  });

  return app;
}
