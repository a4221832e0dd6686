/**
 * Turns outbox rows into mails. A notification is queued due `delayMs` after it was created; when due,
 * it is mailed only if still unread and its kind is set to email; all of a recipient's due rows go out
 * as one mail; nothing but account mail (reset, verification) goes out during the recipient's night,
 * which holds the rows until their next local morning. The digest is queued at each person's next
 * working-hours start (else 08:00), one per local day.
 */
import type { Logger } from 'pino';
import type { AccountStore, UserRecord } from '../../storage/accounts.js';
import { generateSecureRandomString } from '../../auth/tokens.js';
import type { DigestSource } from './digest.js';
import { renderDigest } from './digest.js';
import type { CreatedNotification, NotificationFeed } from './feed.js';
import { defaultWindow, isAwake, localDate, nextStart, type LocalWindow } from './local-time.js';
import type { Outbox, OutboxRow } from './outbox.js';
import { renderNotifications, type RenderedMail } from './render.js';
import type { UnsubscribeSigner } from './signing.js';
import type { MailTransport } from './transport.js';
import type { UnsubscribeStore } from './unsubscribes.js';

export interface MailTimings {
  /** A notification still unread this long after it was made is mailed (default 10 min). */
  delayMs: number;
  /** How long a node holds leased rows before another may take them (default 2 min). */
  leaseMs: number;
  /** After an SMTP failure, try again this much later (default 1 min). */
  retryMs: number;
  /** How often the scheduler looks for due work (default 15 s). */
  pollMs: number;
}

export const defaultMailTimings: MailTimings = { delayMs: 10 * 60_000, leaseMs: 2 * 60_000, retryMs: 60_000, pollMs: 15_000 };

/** How far back a starting node looks for notifications whose mail was never queued. */
const RECOVERY_WINDOW_MS = 24 * 60 * 60_000;

export interface MailSchedulerDeps {
  outbox: Outbox;
  accounts: Pick<AccountStore, 'userById'>;
  feed: NotificationFeed;
  digest: DigestSource;
  transport: MailTransport;
  signer: UnsubscribeSigner;
  unsubscribes: UnsubscribeStore;
  /** Links in mails start here. */
  publicUrl: string;
  /** The domain part of Message-IDs. */
  messageDomain: string;
  log: Logger;
  now: () => number;
}

export function windowOf(user: Pick<UserRecord, 'workingHours'>): LocalWindow {
  return user.workingHours ?? defaultWindow;
}

export class MailScheduler {
  private readonly t: MailTimings;
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> | null = null;
  private readonly pending = new Set<Promise<void>>();
  private readonly stopListening: () => void;

  constructor(
    private readonly deps: MailSchedulerDeps,
    timings: Partial<MailTimings> = {},
  ) {
    this.t = { ...defaultMailTimings, ...timings };
    this.stopListening = deps.feed.onCreated((n) => this.track(this.queue(n)));
  }

  /** Queues the mail of one notification (idempotent by its dedupe key). */
  private async queue(n: CreatedNotification): Promise<void> {
    try {
      await this.deps.outbox.add(
        { userId: n.userId, kind: 'notification', notificationId: n.id, dedupeKey: `notification:${n.id}`, dueAt: n.createdAt + this.t.delayMs },
        this.deps.now(),
      );
    } catch (error) {
      this.deps.log.error({ err: error, notification: n.id }, 'could not queue a notification mail');
    }
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** Queues what a stopped node stored but never queued (the dedupe key makes the rest no-ops). */
  private async recover(): Promise<void> {
    if (!this.deps.feed.unreadSince) return;
    try {
      const missed = await this.deps.feed.unreadSince(this.deps.now() - RECOVERY_WINDOW_MS);
      for (const n of missed) await this.queue(n);
    } catch (error) {
      this.deps.log.error({ err: error }, 'could not recover unqueued notification mail');
    }
  }

  /** Starts polling for due work. */
  start(): void {
    if (!this.timer) this.track(this.recover());
    this.timer ??= setInterval(() => void this.tick().catch((error: unknown) => this.deps.log.error({ err: error }, 'mail scheduler failed')), this.t.pollMs);
    this.timer.unref();
  }

  /** Waits until every notification seen so far is queued. */
  async flushQueued(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /** Queues missing digests, then sends everything due now. One run at a time per node. */
  tick(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopListening();
    await this.flushQueued();
    await this.running;
    this.deps.transport.close();
  }

  private async run(): Promise<void> {
    await this.flushQueued();
    const now = this.deps.now();
    for (const user of await this.deps.outbox.usersWithoutDigest()) {
      const dueAt = nextStart(now, user.timeZone, user.workStart && user.workEnd ? { start: user.workStart, end: user.workEnd } : defaultWindow);
      await this.deps.outbox.add({ userId: user.id, kind: 'digest', dedupeKey: `digest:${user.id}:${localDate(dueAt, user.timeZone)}`, dueAt }, now);
    }
    for (;;) {
      const batch = await this.deps.outbox.leaseNext(this.deps.now(), this.t.leaseMs);
      if (!batch) return;
      await this.deliver(batch.userId, batch.rows);
    }
  }

  private async deliver(userId: string, rows: OutboxRow[]): Promise<void> {
    const { outbox } = this.deps;
    const now = this.deps.now();
    const user = await this.deps.accounts.userById(userId);
    if (!user) return outbox.finish(rows.map((r) => r.id), 'off', now);
    for (const row of rows.filter((r) => r.kind === 'account')) {
      // Account rows carry their rendered mail; `to` is set when it goes to someone else's address (an invitation).
      const { to, ...rendered } = JSON.parse(row.payload ?? '{}') as RenderedMail & { to?: string };
      await this.attempt(to ? { ...user, email: to } : user, [row], rendered, {});
    }
    const quiet = rows.filter((r) => r.kind !== 'account');
    if (quiet.length === 0) return;
    if (!isAwake(now, user.timeZone, windowOf(user))) {
      return outbox.postpone(
        quiet.map((r) => r.id),
        nextStart(now, user.timeZone, windowOf(user)),
      );
    }
    const unsubscribed = await this.deps.unsubscribes.of(user.id);
    await this.sendNotifications(user, quiet.filter((r) => r.kind === 'notification'), unsubscribed.has('all'));
    for (const row of quiet.filter((r) => r.kind === 'digest')) await this.sendDigest(user, row, unsubscribed.has('all') || unsubscribed.has('digest'));
  }

  private async sendNotifications(user: UserRecord, rows: OutboxRow[], unsubscribed: boolean): Promise<void> {
    if (rows.length === 0) return;
    const { outbox, feed } = this.deps;
    const now = this.deps.now();
    if (unsubscribed) return outbox.finish(rows.map((r) => r.id), 'unsubscribed', now);
    const ids = rows.flatMap((r) => (r.notificationId ? [r.notificationId] : []));
    const unread = new Set(await feed.unreadAmong(user.id, ids));
    const read = rows.filter((r) => !r.notificationId || !unread.has(r.notificationId));
    await outbox.finish(read.map((r) => r.id), 'read', now);
    const prefs = await feed.preferencesOf(user.id);
    // An addressed invitation is mailed on its own when it is made (routes' mailInvite): not twice.
    const views = (await feed.viewsOf(user.id, [...unread])).filter((v) => prefs.kinds[v.kind] === 'email' && v.kind !== 'invitation');
    const wanted = new Set(views.map((v) => v.id));
    const left = rows.filter((r) => r.notificationId && unread.has(r.notificationId));
    await outbox.finish(left.filter((r) => !wanted.has(r.notificationId ?? '')).map((r) => r.id), 'off', now);
    const sending = left.filter((r) => wanted.has(r.notificationId ?? ''));
    if (sending.length === 0) return;
    const unsubscribe = await this.unsubscribeUrl(user.id, 'all');
    await this.attempt(user, sending, renderNotifications(views, this.deps.publicUrl, unsubscribe.page), unsubscribe.headers);
  }

  private async sendDigest(user: UserRecord, row: OutboxRow, unsubscribed: boolean): Promise<void> {
    const now = this.deps.now();
    const prefs = await this.deps.feed.preferencesOf(user.id);
    if (unsubscribed || !prefs.digest) return this.deps.outbox.finish([row.id], 'off', now);
    const content = await this.deps.digest.digestOf(user, row.createdAt, now);
    if (content.changes.length + content.waiting.length + content.deadlines.length === 0) return this.deps.outbox.finish([row.id], 'off', now);
    const unsubscribe = await this.unsubscribeUrl(user.id, 'digest');
    await this.attempt(user, [row], renderDigest(content, user.timeZone, this.deps.publicUrl, unsubscribe.page), unsubscribe.headers);
  }

  private async unsubscribeUrl(userId: string, scope: 'all' | 'digest'): Promise<{ page: string; headers: Record<string, string> }> {
    const token = await this.deps.signer.sign(userId, scope);
    const page = new URL(`/mail/unsubscribe?token=${encodeURIComponent(token)}`, this.deps.publicUrl).href;
    const oneClick = new URL(`/api/mail/unsubscribe?token=${encodeURIComponent(token)}`, this.deps.publicUrl).href;
    // RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` to the https URL, no page involved.
    return { page, headers: { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
  }

  /** Sends one mail for `rows`, reusing a Message-ID from an earlier attempt so a repeat folds into it. */
  private async attempt(user: UserRecord, rows: OutboxRow[], mail: RenderedMail, headers: Record<string, string>): Promise<void> {
    const { outbox } = this.deps;
    const ids = rows.map((r) => r.id);
    const messageId = rows.find((r) => r.messageId)?.messageId ?? `<${generateSecureRandomString()}@${this.deps.messageDomain}>`;
    await outbox.stampMessageId(ids, messageId);
    try {
      await this.deps.transport.send({ to: user.email, ...mail, messageId, headers });
    } catch (error) {
      this.deps.log.warn({ err: error, to: user.id }, 'mail not accepted; will retry');
      return outbox.postpone(ids, this.deps.now() + this.t.retryMs);
    }
    await outbox.finish(ids, 'sent', this.deps.now());
  }
}
