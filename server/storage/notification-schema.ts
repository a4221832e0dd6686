/** Kysely types of migration 0012's tables (notifications, preferences, follows), part of `Schema`. */

/** Timestamps are integer milliseconds; pg may hand `bigint` back as a string. */
type Millis = number | string;

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  actor_id: string | null;
  workspace_id: string | null;
  doc_id: string | null;
  /** JSON of a NotificationTarget. */
  target: string;
  excerpt: string;
  source_key: string;
  created_at: Millis;
  read_at: Millis | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  /** JSON object: kind -> delivery. */
  kinds: string;
  digest: number;
}

export interface DocumentFollowsTable {
  user_id: string;
  doc_id: string;
  following: number;
  updated_at: Millis;
}
