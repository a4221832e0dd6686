/**
 * Version snapshots of a document: each row is the full Yjs state at that moment (documents are small
 * and a full state can be read, viewed and restored on its own, without replaying a chain).
 */
import type { Selectable } from 'kysely';
import type { VersionKind } from '../../../shared/api/versions.js';
import { millis } from '../../storage/rows.js';
import type { Kysely } from 'kysely';
import type { DocVersionsTable } from '../../storage/feature-schema.js';
import type { Schema } from '../../storage/schema.js';
import { oneOf } from '../../../shared/narrow.js';

export interface VersionRecord {
  id: string;
  docId: string;
  kind: VersionKind;
  name: string | null;
  createdBy: string | null;
  createdAt: number;
  authors: string[];
}

/** A version with its stored state. */
export interface VersionWithSnapshot extends VersionRecord {
  snapshot: Uint8Array;
}

const kinds: readonly VersionKind[] = ['auto', 'named', 'before-restore', 'restored'];

function parseAuthors(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function toRecord(row: Omit<Selectable<DocVersionsTable>, 'snapshot'>): VersionRecord {
  return {
    id: row.id,
    docId: row.doc_id,
    kind: oneOf(kinds, row.kind, 'auto'),
    name: row.name,
    createdBy: row.created_by,
    createdAt: millis(row.created_at),
    authors: parseAuthors(row.authors),
  };
}

const listColumns = ['id', 'doc_id', 'kind', 'name', 'created_by', 'created_at', 'authors'] as const;

export class VersionStore {
  constructor(private readonly db: Kysely<Schema>) {}

  async create(version: VersionWithSnapshot): Promise<void> {
    await this.db
      .insertInto('doc_versions')
      .values({
        id: version.id,
        doc_id: version.docId,
        kind: version.kind,
        name: version.name,
        created_by: version.createdBy,
        created_at: version.createdAt,
        authors: JSON.stringify(version.authors),
        snapshot: version.snapshot,
      })
      .execute();
  }

  /** Versions of a document, newest first (at most `limit`). */
  async list(docId: string, limit = 200): Promise<VersionRecord[]> {
    const rows = await this.db
      .selectFrom('doc_versions')
      .select(listColumns)
      .where('doc_id', '=', docId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  /** One version with its state; undefined when it is not a version of `docId`. */
  async get(docId: string, id: string): Promise<VersionWithSnapshot | undefined> {
    const row = await this.db.selectFrom('doc_versions').selectAll().where('doc_id', '=', docId).where('id', '=', id).executeTakeFirst();
    return row && { ...toRecord(row), snapshot: row.snapshot };
  }

  /** The newest version with its state. */
  async latest(docId: string): Promise<VersionWithSnapshot | undefined> {
    const row = await this.db
      .selectFrom('doc_versions')
      .selectAll()
      .where('doc_id', '=', docId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && { ...toRecord(row), snapshot: row.snapshot };
  }
}
