/** A document's deadline. */
import { z } from 'zod';
import type { PersonView } from './people.js';

/** Latest deadline we accept (year 2200): anything later is a typo. */
const maxDeadline = Date.UTC(2200, 0, 1);

/** A deadline as epoch milliseconds (UTC); null clears it. Each member sees it in their own zone. */
export const setDeadlineInput = z.object({
  at: z
    .number({ error: 'at must be a timestamp in milliseconds' })
    .int('at must be a whole number of milliseconds')
    .min(0, 'at must be after 1970')
    .max(maxDeadline, 'at must be before 2200')
    .nullable(),
});
export type SetDeadlineInput = z.input<typeof setDeadlineInput>;

export interface DeadlineView {
  documentId: string;
  at: number | null;
  setBy: PersonView | null;
  updatedAt: number | null;
}
