/** Kysely table types for every table Confer stores. */
import type { Generated } from 'kysely';

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

/** Every table, keyed by name. Later migrations add their tables here. */
export interface Schema {
  doc_snapshots: DocSnapshotsTable;
  doc_updates: DocUpdatesTable;
}
