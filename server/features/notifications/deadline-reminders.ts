/**
 * Deadline reminders: everyone who follows a document is reminded 24 hours and 1 hour before its
 * deadline. A reminder whose moment falls in the recipient's night (outside their working hours, else
 * 08:00-20:00, in their own zone) comes the evening before instead. Reminders are notifications with a
 * source key per deadline, lead and person, so every node may run this and each person gets each
 * reminder once; a changed deadline has new keys and reminds again. Time comes from the injected clock.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { defaultWindow, eveningBefore, isAwake, type LocalWindow } from '../mail/index.js';
import type { Schema } from '../../storage/schema.js';
import type { NewNotification } from './store.js';

const HOUR = 60 * 60_000;

/** How long before the deadline each reminder is meant for. */
export const REMINDER_LEADS = [24 * HOUR, HOUR] as const;
/** Far enough ahead to include a 24-hour reminder moved to the evening before, whatever the working hours. */
const HORIZON = 48 * HOUR;

export interface DeadlineRemindersDeps {
  db: Kysely<Schema>;
  now: () => number;
  log: Logger;
  /** Stores the reminders (unless the person turned the kind off) and announces them. */
  notify: (entries: NewNotification[]) => Promise<void>;
  /** How often to look (default 1 min). */
  pollMs?: number;
}

/** When `person` should get the reminder meant for `ideal`: then, or the evening before when that is their night. */
export function reminderTime(ideal: number, timeZone: string, window: LocalWindow): number {
  return isAwake(ideal, timeZone, window) ? ideal : eveningBefore(ideal, timeZone, window);
}

function describeDeadline(at: number, timeZone: string, lead: number): string {
  const when = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(at);
  return `Due ${when} (${lead === HOUR ? 'reminder 1 hour ahead' : 'reminder 24 hours ahead'})`;
}

export class DeadlineReminders {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: DeadlineRemindersDeps) {}

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.deps.pollMs ?? 60_000);
    this.timer.unref();
  }

  /** Sends every reminder due now (one run at a time). */
  tick(): Promise<void> {
    this.running ??= this.run()
      .catch((error: unknown) => this.deps.log.warn({ err: error }, 'deadline reminders failed'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  flush(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  private async run(): Promise<void> {
    const now = this.deps.now();
    const rows = await this.deps.db
      .selectFrom('doc_deadlines as dl')
      .innerJoin('documents as d', 'd.id', 'dl.doc_id')
      .innerJoin('document_follows as f', 'f.doc_id', 'd.id')
      .innerJoin('memberships as m', (join) => join.onRef('m.workspace_id', '=', 'd.workspace_id').onRef('m.user_id', '=', 'f.user_id'))
      .innerJoin('users as u', 'u.id', 'f.user_id')
      .select(['d.id as docId', 'd.workspace_id as workspaceId', 'dl.at', 'dl.updated_at', 'u.id as userId', 'u.time_zone', 'u.work_start', 'u.work_end'])
      .where('f.following', '=', 1)
      .where('d.deleted_at', 'is', null)
      .where('dl.at', '>', now)
      .where('dl.at', '<=', now + HORIZON)
      .execute();
    const due: NewNotification[] = [];
    for (const r of rows) {
      const at = Number(r.at);
      const window = r.work_start && r.work_end ? { start: r.work_start, end: r.work_end } : defaultWindow;
      for (const lead of REMINDER_LEADS) {
        const sendAt = reminderTime(at - lead, r.time_zone, window);
        // Not yet; or meant for before the deadline was set (a deadline 5 hours ahead gets only the 1-hour reminder).
        if (sendAt > now || sendAt < Number(r.updated_at)) continue;
        // The 24-hour reminder is pointless once the 1-hour one is due.
        if (lead !== HOUR && now >= reminderTime(at - HOUR, r.time_zone, window)) continue;
        due.push({
          userId: r.userId,
          kind: 'deadline',
          actorId: null,
          workspaceId: r.workspaceId,
          docId: r.docId,
          target: { type: 'document' },
          excerpt: describeDeadline(at, r.time_zone, lead),
          sourceKey: `deadline:${r.docId}:${String(at)}:${String(lead)}`,
        });
      }
    }
    if (due.length > 0) await this.deps.notify(due);
  }
}
