/** Kysely type of migration 0016's table (files of documents), part of `Schema`. */

/** Timestamps and sizes are integers; pg may hand `bigint` back as a string. */
type Int = number | string;

export interface DocumentFilesTable {
  doc_id: string;
  /** SHA-256 of the bytes, lower-case hex. */
  id: string;
  /** Sniffed from the bytes when stored, never taken from the upload's name or header. */
  content_type: string;
  byte_size: Int;
  created_by: string | null;
  created_at: Int;
  /** The bytes on PostgreSQL; null on SQLite, which keeps them in DATA_DIR/files. */
  data: Uint8Array | null;
}
