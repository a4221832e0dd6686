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

/** A piece of text in a comparison. */
export interface DiffSegment {
  op: 'equal' | 'insert' | 'delete';
  text: string;
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
  /** ProseMirror JSON of the version, for a read-only view. */
  content: unknown;
}

export interface CompareView {
  from: string;
  to: string;
  blocks: DiffBlock[];
  insertions: number;
  deletions: number;
}

/** GET /api/documents/:id/compare?from=&to=: version ids, or "current" for the live document. */
export const compareQuery = z.object({
  from: z.string({ error: 'from is required' }).min(1, 'from is required'),
  to: z.string({ error: 'to must be one version id or "current"' }).min(1).default('current'),
});
