/**
 * Invitations to a workspace, or to one of its documents as a guest (`docId`, features/sharing). The
 * token's secret is stored only as a SHA-256 hash.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Role } from '../../shared/roles.js';
import { millis, millisOrNull } from './rows.js';
import type { InvitesTable, Schema } from './schema.js';
import { asRole, type WorkspaceStore } from './workspaces.js';

export interface InviteRecord {
  id: string;
  workspaceId: string;
  secretHash: string;
  role: Role;
  email: string | null;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  acceptedAt: number | null;
  acceptedBy: string | null;
  /** Accepting makes a guest of this one document (with `role`) rather than a member of the group. */
  docId: string | null;
}

function toInvite(row: Selectable<InvitesTable>): InviteRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    secretHash: row.secret_hash,
    role: asRole(row.role),
    email: row.email,
    createdBy: row.created_by,
    createdAt: millis(row.created_at),
    expiresAt: millis(row.expires_at),
    revokedAt: millisOrNull(row.revoked_at),
    acceptedAt: millisOrNull(row.accepted_at),
    acceptedBy: row.accepted_by,
    docId: row.doc_id ?? null,
  };
}

export class InviteStore {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly workspaces: WorkspaceStore,
  ) {}

  async create(invite: InviteRecord): Promise<void> {
    await this.db
      .insertInto('invites')
      .values({
        id: invite.id,
        workspace_id: invite.workspaceId,
        secret_hash: invite.secretHash,
        role: invite.role,
        email: invite.email,
        created_by: invite.createdBy,
        created_at: invite.createdAt,
        expires_at: invite.expiresAt,
        revoked_at: null,
        accepted_at: null,
        accepted_by: null,
        doc_id: invite.docId,
      })
      .execute();
  }

  async byId(id: string): Promise<InviteRecord | undefined> {
    const row = await this.db.selectFrom('invites').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toInvite(row);
  }

  /** Invitations to the group that can still be accepted, newest first (not those to one document). */
  async pending(workspaceId: string, now: number): Promise<InviteRecord[]> {
    const rows = await this.stillOpen(now).where('workspace_id', '=', workspaceId).where('doc_id', 'is', null).execute();
    return rows.map(toInvite);
  }

  /** Invitations to one document as a guest that can still be accepted, newest first. */
  async pendingForDocument(docId: string, now: number): Promise<InviteRecord[]> {
    const rows = await this.stillOpen(now).where('doc_id', '=', docId).execute();
    return rows.map(toInvite);
  }

  /** Invitations neither revoked, accepted nor expired at `now`, newest first. */
  private stillOpen(now: number) {
    return this.db
      .selectFrom('invites')
      .selectAll()
      .where('revoked_at', 'is', null)
      .where('accepted_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .orderBy('id');
  }

  /** Revokes a pending invitation to one document; false when there is none to revoke. */
  async revokeForDocument(docId: string, id: string, now: number): Promise<boolean> {
    return this.revokeWhere('doc_id', docId, id, now);
  }

  /** Revokes a pending invitation of `workspaceId`; false when there is none to revoke. */
  async revoke(workspaceId: string, id: string, now: number): Promise<boolean> {
    return this.revokeWhere('workspace_id', workspaceId, id, now);
  }

  /** Revokes invitation `id` if it is still pending and belongs to `owner` (its group or its document). */
  private async revokeWhere(column: 'doc_id' | 'workspace_id', owner: string, id: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('invites')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where(column, '=', owner)
      .where('revoked_at', 'is', null)
      .where('accepted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Uses the invitation and adds the member, atomically: the conditional update is what makes an
   * invitation single-use even when two people race to accept it. False when it is no longer usable.
   */
  async accept(invite: InviteRecord, userId: string, now: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const used = await trx
        .updateTable('invites')
        .set({ accepted_at: now, accepted_by: userId })
        .where('id', '=', invite.id)
        .where('revoked_at', 'is', null)
        .where('accepted_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) === 0) return false;
      if (invite.docId !== null) {
        // A guest of one document: never an owner (the role was checked when the invitation was made).
        await trx
          .insertInto('doc_guests')
          .values({ doc_id: invite.docId, user_id: userId, role: invite.role === 'owner' ? 'editor' : invite.role, invited_by: invite.createdBy, created_at: now })
          .onConflict((oc) => oc.columns(['doc_id', 'user_id']).doUpdateSet({ role: invite.role === 'owner' ? 'editor' : invite.role }))
          .execute();
        return true;
      }
      await this.workspaces.addMember(trx, invite.workspaceId, userId, invite.role, now);
      return true;
    });
  }
}
