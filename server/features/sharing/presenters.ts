/** Guests, links and shared documents as the API shows them; every field listed explicitly, never a link's secret. */
import type { DocumentInvitationView, GuestView, LinkView, SharedDocumentView } from '../../../shared/api/sharing.js';
import type { InviteRecord } from '../../storage/invites.js';
import { asGuestRole } from '../../storage/sharing.js';
import type { GuestRecord, LinkRecord, SharedDocumentRecord } from '../../storage/sharing.js';
import { person, type People } from '../members/index.js';

const formerMember = (id: string) => ({ id, name: 'Former member' });

export function presentGuest(g: GuestRecord, people: People): GuestView {
  return { userId: g.userId, name: g.name, email: g.email, role: g.role, invitedBy: person(people, g.invitedBy) ?? formerMember(g.invitedBy), addedAt: g.addedAt };
}

export function presentLink(l: LinkRecord, people: People): LinkView {
  return { id: l.id, createdBy: person(people, l.createdBy) ?? formerMember(l.createdBy), createdAt: l.createdAt, expiresAt: l.expiresAt };
}

export function presentShared(s: SharedDocumentRecord, people: People): SharedDocumentView {
  return {
    id: s.docId,
    title: s.title,
    role: s.role,
    sharedBy: person(people, s.invitedBy) ?? formerMember(s.invitedBy),
    sharedAt: s.addedAt,
    updatedAt: s.updatedAt,
  };
}

/** An invitation to the document as the Share dialog shows it: never its secret. */
export function presentInvitation(i: InviteRecord, people: People): DocumentInvitationView {
  return {
    id: i.id,
    email: i.email ?? '',
    role: asGuestRole(i.role),
    invitedBy: person(people, i.createdBy) ?? formerMember(i.createdBy),
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
  };
}
