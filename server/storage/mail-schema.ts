/** Kysely types of the email tables of migration 0013, part of `Schema`. */

/** Timestamps are integer milliseconds; pg may hand `bigint` back as a string. */
type Millis = number | string;

export interface MailOutboxTable {
  id: string;
  user_id: string;
  kind: string;
  notification_id: string | null;
  dedupe_key: string | null;
  payload: string | null;
  due_at: Millis;
  lease_owner: string | null;
  lease_until: Millis | null;
  message_id: string | null;
  done_at: Millis | null;
  outcome: string | null;
  created_at: Millis;
}

export interface MailTokensTable {
  id: string;
  user_id: string;
  purpose: string;
  secret_hash: string;
  email: string;
  created_at: Millis;
  expires_at: Millis;
  used_at: Millis | null;
}

export interface MailUnsubscribesTable {
  user_id: string;
  scope: string;
  at: Millis;
}

export interface MailKeysTable {
  name: string;
  secret: string;
}
