/** Version history: named and automatic versions, a version's content, and comparisons of two states. */
import { z } from 'zod';
import { text } from './fields.js';
import type { PersonView } from './people.js';

export const createVersionInput = z.object({ name: text('name', 120) });
export type CreateVersionInput = z.input<typeof createVersionInput>;

/** Why a version exists: after a burst of edits, named by someone, or kept before a restore. */
export type VersionKind = 'auto' | 'named' | 'before-restore' | 'restored';

export interface VersionView {
  id: string;
  documentId: string;
  /** Set for named versions and the ones a restore makes. */
  name: string | null;
  kind: VersionKind;
  createdAt: number;
  createdBy: PersonView | null;
  /** Whose edits went into it since the version before. */
  authors: PersonView[];
}

/**
 * A piece of text in a comparison. `insert` and `delete` are accepted changes; `suggest-insert` and
 * `suggest-delete` are text inside suggestion marks (suggestion mode), shown as proposals of their
 * author, never as edits: accepting one later shows as the real change.
 */
export interface DiffSegment {
  op: 'equal' | 'insert' | 'delete' | 'suggest-insert' | 'suggest-delete';
  text: string;
  /** Suggestion segments only: the suggestion's id and its author (server-side name). */
  suggestionId?: string;
  suggestedBy?: PersonView;
  /**
   * `suggest-insert` only: another suggestion deletes this suggested text (a reviewer deleting inside
   * someone else's suggested insertion), its id and its author. The text is both at once.
   */
  deletionId?: string;
  deletedBy?: PersonView;
}

/** A suggestion that is in the later state of a comparison and not in the earlier one. */
export interface SuggestionChangeView {
  id: string;
  by: PersonView;
  /** Excerpts of the text it would insert and delete ("" when none); both equal for a formatting change. */
  inserted: string;
  deleted: string;
}

/** One block (paragraph, heading, list item...) of a comparison. */
export interface DiffBlock {
  /** equal: unchanged; insert / delete: the whole block; change: edited inside (see segments). */
  op: 'equal' | 'insert' | 'delete' | 'change';
  /** Node type of the block ("paragraph", "heading"...), for styling. */
  type: string;
  segments: DiffSegment[];
}

export interface VersionDetailView {
  version: VersionView;
  /** ProseMirror JSON of the version, for a read-only view (suggestion marks included). */
  content: unknown;
  /** The authors of the suggestions in it, so the view can say whose each one is. */
  suggesters: PersonView[];
}

export interface CompareView {
  from: string;
  to: string;
  blocks: DiffBlock[];
  /** Accepted words inserted and deleted: text inside suggestion marks is not counted. */
  insertions: number;
  deletions: number;
  /** Suggestions new in `to`, in document order. */
  suggestions: SuggestionChangeView[];
}

/** GET /api/documents/:id/compare?from=&to=: version ids, or "current" for the live document. */
export const compareQuery = z.object({
  from: z.string({ error: 'from is required' }).min(1, 'from is required'),
  to: z.string({ error: 'to must be one version id or "current"' }).min(1).default('current'),
});
