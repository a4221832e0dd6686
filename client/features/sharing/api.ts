/** Typed calls for sharing one document: who has access, guests, read-only links, shared with me, a link's target. */
import type { DocumentPeopleView } from '../../../shared/api/notifications.js';
import type {
  AddGuestInput,
  AddGuestView,
  CreatedLinkView,
  DocumentAccessView,
  GuestRole,
  GuestView,
  LinkTargetView,
  LinkView,
  SharedDocumentView,
} from '../../../shared/api/sharing.js';
import { request, seg } from '../../lib/api';

const doc = (id: string) => `/api/documents/${seg(id)}`;

export const sharingApi = {
  access: (docId: string) => request<DocumentAccessView>('GET', `${doc(docId)}/access`),
  people: (docId: string) => request<DocumentPeopleView>('GET', `${doc(docId)}/people`),
  /** The guest, or (an address without an account) an invitation whose link is shown once. */
  addGuest: (docId: string, input: AddGuestInput) => request<AddGuestView>('POST', `${doc(docId)}/guests`, input),
  revokeInvitation: (docId: string, inviteId: string) => request<null>('DELETE', `${doc(docId)}/invitations/${seg(inviteId)}`),
  setGuestRole: (docId: string, userId: string, role: GuestRole) => request<{ guest: GuestView }>('PATCH', `${doc(docId)}/guests/${seg(userId)}`, { role }),
  removeGuest: (docId: string, userId: string) => request<null>('DELETE', `${doc(docId)}/guests/${seg(userId)}`),
  links: (docId: string) => request<{ links: LinkView[] }>('GET', `${doc(docId)}/links`),
  createLink: (docId: string, days: 1 | 7 | 30) => request<CreatedLinkView>('POST', `${doc(docId)}/links`, { days }),
  revokeLink: (docId: string, linkId: string) => request<null>('DELETE', `${doc(docId)}/links/${seg(linkId)}`),
  sharedWithMe: () => request<{ documents: SharedDocumentView[] }>('GET', '/api/shared-with-me'),
  /** Answered without a session: 404 for an unknown link, 410 for a revoked or expired one. */
  linkTarget: (token: string) => request<{ link: LinkTargetView }>('GET', `/api/links/${seg(token)}`),
};

/** The address of the page a read-only link opens. */
export function sharedLinkUrl(token: string): string {
  return `${location.origin}/shared/${encodeURIComponent(token)}`;
}
