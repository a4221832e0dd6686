/**
 * Sharing one document (issue 18): guests from outside the group and read-only links that expire.
 *
 * Routes (signed in unless marked public):
 *   GET    /api/documents/:id/access               → DocumentAccessView (the Share dialog; owners and editors of the group)
 *   POST   /api/documents/:id/guests {email, role} → 201 { guest: GuestView }, or for an email without an
 *                                                  account 201 CreatedInvitationView (a link to sign up and accept)
 *   DELETE /api/documents/:id/invitations/:inviteId → 204 (a pending invitation to the document, revoked)
 *   PATCH  /api/documents/:id/guests/:userId {role} → { guest: GuestView }
 *   DELETE /api/documents/:id/guests/:userId       → 204 (managers, or the guest leaving)
 *   GET    /api/documents/:id/links                → { links: LinkView[] }
 *   POST   /api/documents/:id/links {days}         → 201 CreatedLinkView (the token is shown once)
 *   DELETE /api/documents/:id/links/:linkId        → 204
 *   GET    /api/documents/:id/people               → DocumentPeopleView (shared/api/notifications.ts)
 *   GET    /api/shared-with-me                     → { documents: SharedDocumentView[] }
 *   GET    /api/links/:token (public)              → { link: LinkTargetView }; 404 unknown, 410 revoked or expired
 * The socket of a link reader is `/collab/:docId?link=<token>`: read-only, without presence.
 */
import { z } from 'zod';
import type { Role } from '../roles.js';
import { email } from './fields.js';
import type { PersonView } from './people.js';

/** A guest works on one document; owning it stays with the group. */
export const guestRoles = ['editor', 'commenter', 'viewer'] as const;
export type GuestRole = (typeof guestRoles)[number];
const guestRole = z.enum(guestRoles, { error: `role must be one of ${guestRoles.join(', ')}` });

export const addGuestInput = z.object({ email, role: guestRole });
export type AddGuestInput = z.input<typeof addGuestInput>;

export const updateGuestInput = z.object({ role: guestRole });
export type UpdateGuestInput = z.input<typeof updateGuestInput>;

/** How long a read-only link lives. */
export const linkDays = [1, 7, 30] as const;
export const createLinkInput = z.object({
  days: z.union([z.literal(1), z.literal(7), z.literal(30)], { error: 'days must be 1, 7 or 30' }),
});
export type CreateLinkInput = z.input<typeof createLinkInput>;

export interface GuestView {
  userId: string;
  name: string;
  email: string;
  role: GuestRole;
  invitedBy: PersonView;
  addedAt: number;
}

export interface LinkView {
  id: string;
  createdBy: PersonView;
  createdAt: number;
  expiresAt: number;
}

/** Returned once, when the link is made: only the hash of its secret is kept. */
export interface CreatedLinkView {
  token: string;
  link: LinkView;
}

/** A pending invitation to the document, for someone who had no account yet. */
export interface DocumentInvitationView {
  id: string;
  email: string;
  role: GuestRole;
  invitedBy: PersonView;
  createdAt: number;
  expiresAt: number;
}

/** The invitation's token is shown once; the link is `/invite/<token>`. */
export interface CreatedInvitationView {
  invitation: DocumentInvitationView;
  token: string;
  /** The server mailed the link to the address (only with SMTP configured). */
  emailed: boolean;
}

/** What adding a person answers: the guest, or the invitation made for an address without an account. */
export type AddGuestView = { guest: GuestView } | CreatedInvitationView;

/** A member of the document's group, as the Share dialog lists them. */
export interface AccessMemberView {
  userId: string;
  name: string;
  email: string;
  role: Role;
}

/** Who has access to a document and how: the Share dialog. */
export interface DocumentAccessView {
  members: AccessMemberView[];
  guests: GuestView[];
  /** Invitations sent to addresses without an account, not accepted yet. */
  invitations: DocumentInvitationView[];
  links: LinkView[];
}

/** A document someone outside its group shared with you. */
export interface SharedDocumentView {
  id: string;
  title: string;
  role: GuestRole;
  sharedBy: PersonView;
  sharedAt: number;
  updatedAt: number;
}

/** What a link's holder may learn before opening it. */
export interface LinkTargetView {
  documentId: string;
  title: string;
  expiresAt: number;
}
