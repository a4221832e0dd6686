/** Recent documents across all your working groups (the home page's "Recent", and the quick switcher). */
import { z } from 'zod';
import type { PersonView } from './people.js';

export interface RecentDocumentView {
  id: string;
  title: string;
  workspace: { id: string; name: string };
  /** When you last had it open; null when you never did. */
  visitedAt: number | null;
  /** Its latest committed change, by anyone. */
  updatedAt: number;
  changedBy: PersonView[];
}

export interface RecentView {
  documents: RecentDocumentView[];
}

/** GET /api/recent?q=&limit= : `q` narrows by title (any part of it, any case). */
export const recentQuery = z.object({
  q: z.string({ error: 'q must be text' }).trim().max(200, 'q must be at most 200 characters').optional(),
  limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1).max(50).default(20),
});
