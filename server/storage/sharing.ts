/** Document guests and read-only links (migration 0014). Link secrets are stored only as SHA-256 hashes. */
import type { Kysely } from 'kysely';
import { guestRoles, type GuestRole } from '../../shared/api/sharing.js';
import { oneOf } from '../../shared/narrow.js';
import { millis, millisOrNull } from './rows.js';
import type { Schema } from './schema.js';

export interface GuestRecord {
  docId: string;
  userId: string;
  name: string;
  email: string;
  role: GuestRole;
  invitedBy: string;
  addedAt: number;
}

export interface LinkRecord {
  id: string;
  docId: string;
  secretHash: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

/** A document shared with a guest, with the fields "Shared with me" shows. */
export interface SharedDocumentRecord {
  docId: string;
  title: string;
  role: GuestRole;
  invitedBy: string;
  addedAt: number;
  updatedAt: number;
}

export function asGuestRole(value: string): GuestRole {
  return oneOf(guestRoles, value, 'viewer');
}

export class SharingStore {
  constructor(private readonly db: Kysely<Schema>) {}

  /** Adds a guest or changes their role; returns the role they had before (null: new guest). */
  async putGuest(docId: string, userId: string, role: GuestRole, invitedBy: string, now: number): Promise<GuestRole | null> {
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('doc_guests').select('role').where('doc_id', '=', docId).where('user_id', '=', userId).executeTakeFirst();
      if (before) {
        await trx.updateTable('doc_guests').set({ role }).where('doc_id', '=', docId).where('user_id', '=', userId).execute();
        return asGuestRole(before.role);
      }
      await trx.insertInto('doc_guests').values({ doc_id: docId, user_id: userId, role, invited_by: invitedBy, created_at: now }).execute();
      return null;
    });
  }

  /** Changes an existing guest's role; false when they are not a guest of the document. */
  async setGuestRole(docId: string, userId: string, role: GuestRole): Promise<boolean> {
    const result = await this.db.updateTable('doc_guests').set({ role }).where('doc_id', '=', docId).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** False when there was no such guest. */
  async removeGuest(docId: string, userId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('doc_guests').where('doc_id', '=', docId).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async guests(docId: string): Promise<GuestRecord[]> {
    const rows = await this.db
      .selectFrom('doc_guests as g')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select(['g.doc_id', 'g.user_id', 'u.name', 'u.email', 'g.role', 'g.invited_by', 'g.created_at'])
      .where('g.doc_id', '=', docId)
      .orderBy('g.created_at')
      .orderBy('g.user_id')
      .execute();
    return rows.map((r) => ({
      docId: r.doc_id,
      userId: r.user_id,
      name: r.name,
      email: r.email,
      role: asGuestRole(r.role),
      invitedBy: r.invited_by,
      addedAt: millis(r.created_at),
    }));
  }

  /** Documents shared with `userId` as a guest (live ones only), most recently changed first. */
  async sharedWith(userId: string): Promise<SharedDocumentRecord[]> {
    const rows = await this.db
      .selectFrom('doc_guests as g')
      .innerJoin('documents as d', 'd.id', 'g.doc_id')
      .select(['d.id', 'd.title', 'd.updated_at', 'g.role', 'g.invited_by', 'g.created_at'])
      .where('g.user_id', '=', userId)
      .where('d.deleted_at', 'is', null)
      .orderBy('d.updated_at', 'desc')
      .orderBy('d.id')
      .execute();
    return rows.map((r) => ({
      docId: r.id,
      title: r.title,
      role: asGuestRole(r.role),
      invitedBy: r.invited_by,
      addedAt: millis(r.created_at),
      updatedAt: millis(r.updated_at),
    }));
  }

  async createLink(link: LinkRecord): Promise<void> {
    await this.db
      .insertInto('doc_links')
      .values({
        id: link.id,
        doc_id: link.docId,
        secret_hash: link.secretHash,
        created_by: link.createdBy,
        created_at: link.createdAt,
        expires_at: link.expiresAt,
        revoked_at: null,
      })
      .execute();
  }

  async linkById(id: string): Promise<LinkRecord | undefined> {
    const r = await this.db.selectFrom('doc_links').selectAll().where('id', '=', id).executeTakeFirst();
    return (
      r && {
        id: r.id,
        docId: r.doc_id,
        secretHash: r.secret_hash,
        createdBy: r.created_by,
        createdAt: millis(r.created_at),
        expiresAt: millis(r.expires_at),
        revokedAt: millisOrNull(r.revoked_at),
      }
    );
  }

  /** Links of a document that still open it, newest first. */
  async liveLinks(docId: string, now: number): Promise<LinkRecord[]> {
    const rows = await this.db
      .selectFrom('doc_links')
      .selectAll()
      .where('doc_id', '=', docId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      docId: r.doc_id,
      secretHash: r.secret_hash,
      createdBy: r.created_by,
      createdAt: millis(r.created_at),
      expiresAt: millis(r.expires_at),
      revokedAt: null,
    }));
  }

  /** Revokes a live link of `docId`; false when there is none to revoke. */
  async revokeLink(docId: string, id: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('doc_links')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('doc_id', '=', docId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
