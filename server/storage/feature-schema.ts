/** Kysely types of the feature tables of migrations 0003 (versions, visits, activity, deadlines, search) and 0004 (calendar feeds), part of `Schema`. */
import type { Generated } from 'kysely';

/** Timestamps are integer milliseconds; pg may hand `bigint` back as a string. */
type Millis = number | string;

export interface DocVersionsTable {
  id: string;
  doc_id: string;
  kind: string;
  name: string | null;
  created_by: string | null;
  created_at: Millis;
  /** JSON array of user ids. */
  authors: string;
  snapshot: Uint8Array;
}

export interface DocVisitsTable {
  user_id: string;
  doc_id: string;
  visited_at: Millis;
  snapshot: Uint8Array;
}

export interface ActivityTable {
  id: string;
  workspace_id: string;
  doc_id: string;
  user_id: string | null;
  kind: string;
  detail: string | null;
  started_at: Millis;
  at: Millis;
}

export interface DocDeadlinesTable {
  doc_id: string;
  at: Millis;
  set_by: string;
  updated_at: Millis;
  /** IANA zone the deadline was set in (0004); null before it. */
  time_zone: string | null;
}

/** Which documents are indexed. SQLite adds the FTS5 rowid (`id`); PostgreSQL holds title, body and tsv here. */
export interface SearchDocsTable {
  id: Generated<number>;
  doc_id: string;
  indexed_at: Millis;
  title: string;
  body: string;
}

/** One search entry per comment thread (0010). SQLite keeps the text in its FTS5 table (rowid = `id`); PostgreSQL here. */
export interface SearchCommentsTable {
  id: Generated<number>;
  doc_id: string;
  thread_id: string;
  /** 1 when the thread is resolved (still found, shown as such). */
  resolved: number;
  body: string;
  indexed_at: Millis;
}

/** Secret calendar-feed addresses, one per person per working group (0004). */
export interface CalendarFeedsTable {
  id: string;
  user_id: string;
  workspace_id: string;
  secret_hash: string;
  created_at: Millis;
}
