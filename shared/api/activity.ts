/** The activity list of a working group: edits, comments, versions, restores, imports, sharing. */
import { z } from 'zod';
import type { PersonView } from './people.js';

export type ActivityKind =
  | 'edited'
  | 'commented'
  | 'version'
  | 'restored'
  | 'imported'
  /** Sharing one document (detail: the link's lifetime, or the guest's name and role). */
  | 'link-created'
  | 'link-revoked'
  | 'guest-added'
  | 'guest-removed';

export interface ActivityView {
  id: string;
  workspaceId: string;
  documentId: string;
  documentTitle: string;
  kind: ActivityKind;
  user: PersonView | null;
  /** When the burst of activity began and ended (equal for one-off events). */
  startedAt: number;
  at: number;
  /** A version name, an imported file name... */
  detail: string | null;
}

/** GET /api/workspaces/:id/activity?before=&limit= */
export const activityQuery = z.object({
  before: z.coerce.number({ error: 'before must be a timestamp' }).finite('before must be a timestamp').optional(),
  limit: z.coerce
    .number({ error: 'limit must be 1 to 200' })
    .int('limit must be 1 to 200')
    .min(1, 'limit must be 1 to 200')
    .max(200, 'limit must be 1 to 200')
    .default(50),
});
