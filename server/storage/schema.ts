/** Kysely table types for every table Confer stores. */
import type { Generated } from 'kysely';
import type { MailKeysTable, MailOutboxTable, MailTokensTable, MailUnsubscribesTable } from './mail-schema.js';
import type { ActivityTable, CalendarFeedsTable, DocDeadlinesTable, DocVersionsTable, DocVisitsTable, SearchCommentsTable, SearchDocsTable } from './feature-schema.js';
import type { DocumentFilesTable } from './files-schema.js';
import type { SuggestionTimesTable } from './suggestion-schema.js';
import type { DocGuestsTable, DocLinksTable } from './sharing-schema.js';
import type { DocumentFollowsTable, NotificationPreferencesTable, NotificationsTable } from './notification-schema.js';

export interface DocSnapshotsTable {
  doc_id: string;
  snapshot: Uint8Array;
  through_seq: number;
  updated_at: number;
}

export interface DocUpdatesTable {
  seq: Generated<number>;
  doc_id: string;
  data: Uint8Array;
}

/** Timestamps are integer milliseconds. PostgreSQL's pg driver may hand `bigint` back as a string. */
type Millis = number | string;

export interface UsersTable {
  id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  /** Argon2id PHC string. */
  password_hash: string;
  time_zone: string;
  work_start: string | null;
  work_end: string | null;
  /** When the address was proven by an emailed link (0013); null = not verified. */
  email_verified_at?: Millis | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  /** SHA-256 of the token's secret half, hex. The secret itself is never stored. */
  secret_hash: string;
  created_at: Millis;
  /** Sliding expiry: the session ends after a period of inactivity counted from here. */
  last_used_at: Millis;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: Millis;
  updated_at: Millis;
}

export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  /** owner | editor | commenter | viewer */
  role: string;
  created_at: Millis;
}

export interface InvitesTable {
  id: string;
  workspace_id: string;
  secret_hash: string;
  role: string;
  email: string | null;
  created_by: string;
  created_at: Millis;
  expires_at: Millis;
  revoked_at: Millis | null;
  accepted_at: Millis | null;
  accepted_by: string | null;
  /** Set for an invitation to one document as a guest (0014); null for the group. */
  doc_id?: string | null;
}

export interface DocumentsTable {
  id: string;
  workspace_id: string;
  title: string;
  template: string;
  created_by: string;
  created_at: Millis;
  updated_at: Millis;
  deleted_at: Millis | null;
  /** JSON array of user ids behind the latest change (0004); null before it. */
  changed_by: string | null;
}

/** Every table, keyed by name. Later migrations add their tables here. */
export interface Schema {
  doc_snapshots: DocSnapshotsTable;
  doc_updates: DocUpdatesTable;
  users: UsersTable;
  sessions: SessionsTable;
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  invites: InvitesTable;
  documents: DocumentsTable;
  doc_versions: DocVersionsTable;
  doc_visits: DocVisitsTable;
  activity: ActivityTable;
  doc_deadlines: DocDeadlinesTable;
  search_docs: SearchDocsTable;
  search_comments: SearchCommentsTable;
  calendar_feeds: CalendarFeedsTable;
  mail_outbox: MailOutboxTable;
  mail_tokens: MailTokensTable;
  mail_unsubscribes: MailUnsubscribesTable;
  mail_keys: MailKeysTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  document_follows: DocumentFollowsTable;
  document_files: DocumentFilesTable;
  doc_guests: DocGuestsTable;
  doc_links: DocLinksTable;
  suggestion_times: SuggestionTimesTable;
}
