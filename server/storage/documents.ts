/** Document metadata (title, workspace, template, trash). The content lives in the Yjs log (DocumentStore). */
import type { Kysely, Selectable } from 'kysely';
import { documentTemplates, type DocumentTemplate } from '../../shared/api/documents.js';
import type { Role } from '../../shared/roles.js';
import { millis, millisOrNull } from './rows.js';
import type { DocumentsTable, Schema } from './schema.js';
import { asGuestRole } from './sharing.js';
import { asRole } from './workspaces.js';

export interface DocumentRecord {
  id: string;
  workspaceId: string;
  title: string;
  template: DocumentTemplate;
  createdBy: string;
  createdAt: number;
  /** The latest change to the text or the metadata (edits are debounced, see features/documents/changes.ts). */
  updatedAt: number;
  deletedAt: number | null;
  /** Who made the latest change (several people for a burst of edits); empty when unknown. */
  changedBy: string[];
}

/** A document about to be created: its creator made the latest change. */
export type NewDocument = Omit<DocumentRecord, 'changedBy'>;

/** The user ids of a `changed_by` column (JSON array); anything unreadable counts as unknown. */
export function changedByOf(value: string | null): string[] {
  if (value === null) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function asTemplate(value: string): DocumentTemplate {
  return (documentTemplates as readonly string[]).includes(value) ? (value as DocumentTemplate) : 'blank';
}

function toDocument(row: Selectable<DocumentsTable>): DocumentRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    title: row.title,
    template: asTemplate(row.template),
    createdBy: row.created_by,
    createdAt: millis(row.created_at),
    updatedAt: millis(row.updated_at),
    deletedAt: millisOrNull(row.deleted_at),
    changedBy: changedByOf(row.changed_by),
  };
}

export class DocumentMetaStore {
  constructor(private readonly db: Kysely<Schema>) {}

  async create(doc: NewDocument): Promise<DocumentRecord> {
    await this.db
      .insertInto('documents')
      .values({
        id: doc.id,
        workspace_id: doc.workspaceId,
        title: doc.title,
        template: doc.template,
        created_by: doc.createdBy,
        created_at: doc.createdAt,
        updated_at: doc.updatedAt,
        deleted_at: doc.deletedAt,
        changed_by: JSON.stringify([doc.createdBy]),
      })
      .execute();
    return { ...doc, changedBy: [doc.createdBy] };
  }

  async byId(id: string): Promise<DocumentRecord | undefined> {
    const row = await this.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toDocument(row);
  }

  /**
   * A document together with `userId`'s role in it: their role in its workspace, or else their role as
   * a guest of this one document (`guest: true`); undefined when they have neither.
   */
  async withRole(id: string, userId: string): Promise<{ doc: DocumentRecord; role: Role; guest: boolean } | undefined> {
    const row = await this.db
      .selectFrom('documents as d')
      .leftJoin('memberships as m', (join) => join.onRef('m.workspace_id', '=', 'd.workspace_id').on('m.user_id', '=', userId))
      .leftJoin('doc_guests as g', (join) => join.onRef('g.doc_id', '=', 'd.id').on('g.user_id', '=', userId))
      .selectAll('d')
      .select(['m.role as member_role', 'g.role as guest_role'])
      .where('d.id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const { member_role, guest_role, ...doc } = row;
    // Membership wins: a member who is also a guest keeps the group's role.
    if (member_role !== null) return { doc: toDocument(doc), role: asRole(member_role), guest: false };
    if (guest_role !== null) return { doc: toDocument(doc), role: asGuestRole(guest_role), guest: true };
    return undefined;
  }

  /** Documents of a workspace, most recently changed first: live ones, or the trash. */
  async list(workspaceId: string, trashed: boolean): Promise<DocumentRecord[]> {
    const rows = await this.db
      .selectFrom('documents')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('deleted_at', trashed ? 'is not' : 'is', null)
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toDocument);
  }

  /** IDs of every document of a workspace, trashed ones included (to close their sockets). */
  async idsInWorkspace(workspaceId: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom('documents').select('id').where('workspace_id', '=', workspaceId).execute();
    return new Set(rows.map((r) => r.id));
  }

  async rename(id: string, title: string, now: number, by: string): Promise<void> {
    await this.db.updateTable('documents').set({ title, updated_at: now, changed_by: JSON.stringify([by]) }).where('id', '=', id).execute();
  }

  /** Moves to the trash (`deletedAt` = now) or restores (`deletedAt` = null). */
  async setDeleted(id: string, deletedAt: number | null, now: number, by: string): Promise<void> {
    await this.db
      .updateTable('documents')
      .set({ deleted_at: deletedAt, updated_at: now, changed_by: JSON.stringify([by]) })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Records a burst of committed edits that ended at `at`, made by `authors` (none: a server-made
   * change such as a restore). A metadata change newer than the burst keeps its place.
   */
  async recordEdit(id: string, at: number, authors: readonly string[]): Promise<void> {
    await this.db
      .updateTable('documents')
      .set({ updated_at: at, changed_by: JSON.stringify(authors) })
      .where('id', '=', id)
      .where('updated_at', '<=', at)
      .execute();
  }
}
