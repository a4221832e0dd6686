/**
 * A document's deadline: an instant plus the IANA zone it was set in (a call that closes at
 * "17:00 Brussels time" is shown as such, and in each reader's own zone beside it).
 */
import { z } from 'zod';
import { WALL_TIME } from '../wall-time.js';
import { timeZone } from './fields.js';
import type { PersonView } from './people.js';

/** Latest deadline we accept (year 2200): anything later is a typo. */
const maxDeadline = Date.UTC(2200, 0, 1);

const instant = z
  .number({ error: 'at must be a timestamp in milliseconds' })
  .int('at must be a whole number of milliseconds')
  .min(0, 'at must be after 1970')
  .max(maxDeadline, 'at must be before 2200');

/**
 * PUT /api/documents/:id/deadline. Either `{ local: "2027-03-01T17:00", timeZone: "Europe/Brussels" }`
 * (the wall time in that zone, as the deadline tool sends it), or `{ at: ms, timeZone? }` (an instant;
 * the zone defaults to UTC), or `{ at: null }` to clear it.
 */
export const setDeadlineInput = z
  .object({
    at: instant.nullable().optional(),
    local: z.string({ error: 'local must be text' }).regex(WALL_TIME, 'local must be a date and time like 2027-03-01T17:00').optional(),
    timeZone: timeZone.optional(),
  })
  .refine((v) => (v.at === undefined) !== (v.local === undefined), { message: 'give either at or local', path: ['at'] })
  .refine((v) => v.local === undefined || v.timeZone !== undefined, { message: 'local needs a timeZone', path: ['timeZone'] });
export type SetDeadlineInput = z.input<typeof setDeadlineInput>;

export interface DeadlineView {
  documentId: string;
  /** The instant, in epoch milliseconds; null without a deadline. */
  at: number | null;
  /** The IANA zone it was set in ("Europe/Brussels"); null without a deadline. */
  timeZone: string | null;
  /** Its wall time in that zone ("2027-03-01T17:00"); null without a deadline. */
  local: string | null;
  setBy: PersonView | null;
  updatedAt: number | null;
}

/** GET /api/workspaces/:id/deadlines: the deadlines of a group's live documents, soonest first. */
export interface WorkspaceDeadlinesView {
  deadlines: Array<DeadlineView & { documentTitle: string }>;
}

/** POST /api/workspaces/:id/calendar-feed: a new secret feed address (the previous one stops working). */
export interface CalendarFeedView {
  url: string;
  createdAt: number;
}
