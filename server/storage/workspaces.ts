/**
 * Working groups and their memberships. Changes that could leave a workspace without an owner take a
 * row lock on the workspace first (an UPDATE of its row: a lock on PostgreSQL, and harmless on SQLite,
 * where transactions are serialised anyway), so two concurrent demotions cannot both pass the check.
 */
import type { Kysely, Transaction } from 'kysely';
import { roles, type Role } from '../../shared/roles.js';
import { millis } from './rows.js';
import type { Schema } from './schema.js';
import { oneOf } from '../../shared/narrow.js';

export interface WorkspaceRecord {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
}

export interface MembershipRow {
  workspace: WorkspaceRecord;
  role: Role;
}

export interface MemberRecord {
  userId: string;
  name: string;
  email: string;
  timeZone: string;
  role: Role;
  joinedAt: number;
}

/** Outcome of a role change or removal. `previous` is the role before the change. */
export type MembershipChange =
  | { ok: true; previous: Role }
  | { ok: false; reason: 'not_member' | 'last_owner' };

/** Narrows a stored role; an unknown value (a corrupted row) grants nothing. */
export function asRole(value: string): Role {
  return oneOf(roles, value, 'viewer');
}

export class WorkspaceStore {
  constructor(private readonly db: Kysely<Schema>) {}

  /** Creates a workspace with `ownerId` as its first owner. */
  async create(workspace: WorkspaceRecord, ownerId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('workspaces')
        .values({ id: workspace.id, name: workspace.name, created_at: workspace.createdAt, updated_at: workspace.updatedAt })
        .execute();
      await trx
        .insertInto('memberships')
        .values({ workspace_id: workspace.id, user_id: ownerId, role: 'owner', created_at: workspace.createdAt })
        .execute();
    });
  }

  /** The workspace itself, for callers that are not (yet) members: an invitation's preview. */
  async byId(id: string): Promise<WorkspaceRecord | undefined> {
    const r = await this.db.selectFrom('workspaces').select(['id', 'name', 'created_at', 'updated_at']).where('id', '=', id).executeTakeFirst();
    return r && { id: r.id, name: r.name, createdAt: millis(r.created_at), updatedAt: millis(r.updated_at) };
  }

  async rename(id: string, name: string, now: number): Promise<void> {
    await this.db.updateTable('workspaces').set({ name, updated_at: now }).where('id', '=', id).execute();
  }

  /** Workspaces `userId` belongs to, with their role, oldest first. */
  async listForUser(userId: string): Promise<MembershipRow[]> {
    const rows = await this.db
      .selectFrom('memberships as m')
      .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
      .select(['w.id', 'w.name', 'w.created_at', 'w.updated_at', 'm.role'])
      .where('m.user_id', '=', userId)
      .orderBy('w.created_at')
      .orderBy('w.id')
      .execute();
    return rows.map((r) => ({
      workspace: { id: r.id, name: r.name, createdAt: millis(r.created_at), updatedAt: millis(r.updated_at) },
      role: asRole(r.role),
    }));
  }

  /** The workspace and `userId`'s role in it; undefined when they are not a member (or it does not exist). */
  async membership(workspaceId: string, userId: string): Promise<MembershipRow | undefined> {
    const r = await this.db
      .selectFrom('memberships as m')
      .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
      .select(['w.id', 'w.name', 'w.created_at', 'w.updated_at', 'm.role'])
      .where('m.workspace_id', '=', workspaceId)
      .where('m.user_id', '=', userId)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      workspace: { id: r.id, name: r.name, createdAt: millis(r.created_at), updatedAt: millis(r.updated_at) },
      role: asRole(r.role),
    };
  }

  async members(workspaceId: string): Promise<MemberRecord[]> {
    const rows = await this.db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.name', 'u.email', 'u.time_zone', 'm.role', 'm.created_at'])
      .where('m.workspace_id', '=', workspaceId)
      .orderBy('m.created_at')
      .orderBy('u.id')
      .execute();
    return rows.map((r) => ({
      userId: r.id,
      name: r.name,
      email: r.email,
      timeZone: r.time_zone,
      role: asRole(r.role),
      joinedAt: millis(r.created_at),
    }));
  }

  /** Adds a member, or leaves an existing membership as it is. Returns the role they now hold. */
  async addMember(trx: Transaction<Schema> | Kysely<Schema>, workspaceId: string, userId: string, role: Role, now: number): Promise<Role> {
    const existing = await trx
      .selectFrom('memberships')
      .select('role')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (existing) return asRole(existing.role);
    await trx.insertInto('memberships').values({ workspace_id: workspaceId, user_id: userId, role, created_at: now }).execute();
    return role;
  }

  /** Changes a member's role; refuses to demote the last owner. */
  setRole(workspaceId: string, userId: string, role: Role, now: number): Promise<MembershipChange> {
    return this.changeMembership(workspaceId, userId, now, async (trx, previous) => {
      if (previous === 'owner' && role !== 'owner' && (await this.ownerCount(trx, workspaceId)) <= 1) {
        return { ok: false, reason: 'last_owner' };
      }
      await trx
        .updateTable('memberships')
        .set({ role })
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .execute();
      return { ok: true, previous };
    });
  }

  /** Removes a member (or lets one leave); refuses to remove the last owner. */
  removeMember(workspaceId: string, userId: string, now: number): Promise<MembershipChange> {
    return this.changeMembership(workspaceId, userId, now, async (trx, previous) => {
      if (previous === 'owner' && (await this.ownerCount(trx, workspaceId)) <= 1) return { ok: false, reason: 'last_owner' };
      await trx.deleteFrom('memberships').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute();
      return { ok: true, previous };
    });
  }

  private changeMembership(
    workspaceId: string,
    userId: string,
    now: number,
    change: (trx: Transaction<Schema>, previous: Role) => Promise<MembershipChange>,
  ): Promise<MembershipChange> {
    return this.db.transaction().execute(async (trx) => {
      // Lock the workspace row first: owner counts below stay true until we commit.
      await trx.updateTable('workspaces').set({ updated_at: now }).where('id', '=', workspaceId).execute();
      const current = await trx
        .selectFrom('memberships')
        .select('role')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (!current) return { ok: false, reason: 'not_member' };
      return change(trx, asRole(current.role));
    });
  }

  private async ownerCount(trx: Transaction<Schema>, workspaceId: string): Promise<number> {
    const row = await trx
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('workspace_id', '=', workspaceId)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
