/** What the sharing routes are given by api.ts. */
import type { Auth } from '../../auth/index.js';
import type { AccountStore } from '../../storage/accounts.js';
import type { DocumentMetaStore } from '../../storage/documents.js';
import type { InviteStore } from '../../storage/invites.js';
import type { SharingStore } from '../../storage/sharing.js';
import type { WorkspaceStore } from '../../storage/workspaces.js';
import type { ActivityLog } from '../activity/index.js';
import type { PeopleLookup } from '../members/index.js';
import type { NotificationService } from '../notifications/index.js';

export interface SharingDeps {
  sharing: SharingStore;
  /** Invitations to one document, for addresses without an account (accepted through features/invites). */
  invites: Pick<InviteStore, 'create' | 'pendingForDocument' | 'revokeForDocument'>;
  documents: DocumentMetaStore;
  workspaces: Pick<WorkspaceStore, 'members' | 'membership'>;
  accounts: Pick<AccountStore, 'userByEmail'>;
  auth: Pick<Auth, 'revoker'>;
  activity: Pick<ActivityLog, 'logEvent'>;
  people: PeopleLookup;
  /** Tells a new guest, in the inbox (and by email when they chose it), that a document was shared with them. */
  notifications?: Pick<NotificationService, 'deliver' | 'preferencesOf'>;
  /** When email is on: mails an invitation to one document to an address without an account (features/mail). */
  mailDocumentInvite?: ((to: string, token: string, inviterId: string, documentTitle: string) => Promise<void>) | undefined;
  now: () => number;
}
