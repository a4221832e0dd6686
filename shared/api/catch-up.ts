/** Catch-up: what changed in a document since your last visit. */
import type { ActivityView } from './activity.js';
import type { PersonView } from './people.js';
import type { DiffBlock, SuggestionChangeView } from './versions.js';

export interface CatchUpView {
  /** When you last had the document open; null on a first visit. */
  lastVisitAt: number | null;
  /** Who changed it since, from the activity log. */
  authors: PersonView[];
  activity: ActivityView[];
  /** What changed since (empty when nothing did, or on a first visit). */
  blocks: DiffBlock[];
  /** Accepted words only: suggested, not yet accepted text is not counted. */
  insertions: number;
  deletions: number;
  /** Suggestions made since your last visit and still open, in document order. */
  suggestions: SuggestionChangeView[];
}
