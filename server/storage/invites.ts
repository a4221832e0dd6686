/** Invitations to a workspace. The token's secret is stored only as a SHA-256 hash. */
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
      })
      .execute();
  }

  async byId(id: string): Promise<InviteRecord | undefined> {
    const row = await this.db.selectFrom('invites').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toInvite(row);
  }

  /** Invitations that can still be accepted, newest first. */
  async pending(workspaceId: string, now: number): Promise<InviteRecord[]> {
    const rows = await this.db
      .selectFrom('invites')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('revoked_at', 'is', null)
      .where('accepted_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toInvite);
  }

  /** Revokes a pending invitation of `workspaceId`; false when there is none to revoke. */
  async revoke(workspaceId: string, id: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('invites')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
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
      await this.workspaces.addMember(trx, invite.workspaceId, userId, invite.role, now);
      return true;
    });
  }
}
