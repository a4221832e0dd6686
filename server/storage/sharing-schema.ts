/** Kysely types of the sharing tables of migration 0014 (document guests and read-only links), part of `Schema`. */

/** Timestamps are integer milliseconds; pg may hand `bigint` back as a string. */
type Millis = number | string;

export interface DocGuestsTable {
  doc_id: string;
  user_id: string;
  /** editor | commenter | viewer */
  role: string;
  invited_by: string;
  created_at: Millis;
}

export interface DocLinksTable {
  id: string;
  doc_id: string;
  /** SHA-256 of the token's secret half, hex. */
  secret_hash: string;
  created_by: string;
  created_at: Millis;
  expires_at: Millis;
  revoked_at: Millis | null;
}
