/**
 * Pending mails as rows. The scheduler leases all of one recipient's due rows at once: on PostgreSQL
 * the first due row is taken `FOR UPDATE SKIP LOCKED`, so two nodes never lease the same recipient; on
 * SQLite one node owns the database. A lease that runs out (the node crashed) makes the rows due again,
 * with the Message-ID fixed at the first attempt, so a repeat folds into the first in mail clients.
 */
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../storage/migrations/index.js';
import type { Schema } from '../../storage/schema.js';
import { generateSecureRandomString } from '../../auth/tokens.js';

export type OutboxKind = 'notification' | 'digest' | 'account';
export type Outcome = 'sent' | 'read' | 'unsubscribed' | 'off';

export interface OutboxRow {
  id: string;
  userId: string;
  kind: OutboxKind;
  notificationId: string | null;
  payload: string | null;
  dueAt: number;
  messageId: string | null;
  createdAt: number;
}

/** One recipient's due rows, leased to this node until `leaseUntil`. */
export interface LeasedBatch {
  userId: string;
  rows: OutboxRow[];
  leaseUntil: number;
}

export interface NewOutboxRow {
  userId: string;
  kind: OutboxKind;
  notificationId?: string | null;
  dedupeKey?: string | null;
  payload?: string | null;
  dueAt: number;
}

type Row = Schema['mail_outbox'];

function toRow(r: Pick<Row, 'id' | 'user_id' | 'kind' | 'notification_id' | 'payload' | 'due_at' | 'message_id' | 'created_at'>): OutboxRow {
  return {
    id: r.id,
    userId: r.user_id,
    kind: r.kind as OutboxKind,
    notificationId: r.notification_id,
    payload: r.payload,
    dueAt: Number(r.due_at),
    messageId: r.message_id,
    createdAt: Number(r.created_at),
  };
}

const columns = ['id', 'user_id', 'kind', 'notification_id', 'payload', 'due_at', 'message_id', 'created_at'] as const;

export class Outbox {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly engine: Engine,
    /** Who holds a lease (one id per node and process). */
    readonly owner: string = generateSecureRandomString(),
  ) {}

  /** Queues a mail; a row whose dedupe key exists already is not added again. */
  async add(row: NewOutboxRow, now: number): Promise<void> {
    await this.db
      .insertInto('mail_outbox')
      .values({
        id: generateSecureRandomString(),
        user_id: row.userId,
        kind: row.kind,
        notification_id: row.notificationId ?? null,
        dedupe_key: row.dedupeKey ?? null,
        payload: row.payload ?? null,
        due_at: row.dueAt,
        created_at: now,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
  }

  /** Leases the due rows of the recipient whose mail is due first; null when nothing is due. */
  async leaseNext(now: number, leaseMs: number): Promise<LeasedBatch | null> {
    return this.db.transaction().execute(async (trx) => {
      let first = trx
        .selectFrom('mail_outbox')
        .select(['id', 'user_id'])
        .where('done_at', 'is', null)
        .where('due_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .orderBy('due_at')
        .limit(1);
      if (this.engine === 'postgres') first = first.forUpdate().skipLocked();
      const head = await first.executeTakeFirst();
      if (!head) return null;
      let mine = trx
        .selectFrom('mail_outbox')
        .select(columns)
        .where('user_id', '=', head.user_id)
        .where('done_at', 'is', null)
        .where('due_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .orderBy('created_at');
      if (this.engine === 'postgres') mine = mine.forUpdate();
      const rows = (await mine.execute()).map(toRow);
      const leaseUntil = now + leaseMs;
      await trx
        .updateTable('mail_outbox')
        .set({ lease_owner: this.owner, lease_until: leaseUntil })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      return { userId: head.user_id, rows, leaseUntil };
    });
  }

  /** Fixes the Message-ID of rows before the SMTP attempt (kept on retries). */
  async stampMessageId(ids: string[], messageId: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('mail_outbox').set({ message_id: messageId }).where('id', 'in', ids).where('lease_owner', '=', this.owner).execute();
  }

  /** Records rows as finished. */
  async finish(ids: string[], outcome: Outcome, now: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('mail_outbox').set({ done_at: now, outcome, lease_owner: null, lease_until: null }).where('id', 'in', ids).execute();
  }

  /** Puts rows back, due at `dueAt` (night hold, or a retry after an SMTP failure). */
  async postpone(ids: string[], dueAt: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('mail_outbox').set({ due_at: dueAt, lease_owner: null, lease_until: null }).where('id', 'in', ids).execute();
  }

  /** Every row, oldest first (tests and operators). */
  async all(): Promise<Array<OutboxRow & { doneAt: number | null; outcome: string | null }>> {
    const rows = await this.db.selectFrom('mail_outbox').select([...columns, 'done_at', 'outcome']).orderBy('created_at').execute();
    return rows.map((r) => ({ ...toRow(r), doneAt: r.done_at === null ? null : Number(r.done_at), outcome: r.outcome }));
  }

  /** Users who have no digest queued yet (the scheduler queues one at their next morning). */
  async usersWithoutDigest(): Promise<Array<{ id: string; timeZone: string; workStart: string | null; workEnd: string | null }>> {
    const rows = await this.db
      .selectFrom('users as u')
      .select(['u.id', 'u.time_zone', 'u.work_start', 'u.work_end'])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('mail_outbox as o')
              .select(sql<number>`1`.as('one'))
              .whereRef('o.user_id', '=', 'u.id')
              .where('o.kind', '=', 'digest')
              .where('o.done_at', 'is', null),
          ),
        ),
      )
      .execute();
    return rows.map((r) => ({ id: r.id, timeZone: r.time_zone, workStart: r.work_start, workEnd: r.work_end }));
  }
}
