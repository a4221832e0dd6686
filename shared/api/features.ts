/**
 * Research writing: versions, comparison, search, deadlines, catch-up and activity. Inputs are zod
 * schemas (the server validates them); answers are plain view types the client reads.
 */
import { z } from 'zod';
import { text } from './fields.js';

export const createVersionInput = z.object({ name: text('name', 120) });
export type CreateVersionInput = z.input<typeof createVersionInput>;

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

/** Longest search query; longer ones are not searches but pasted text. */
export const maxSearchQueryLength = 200;

/** Someone named in an answer. */
export interface PersonView {
  id: string;
  name: string;
}

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

/** A snippet, split so the client can highlight hits without rendering server HTML. */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

export interface SearchResultView {
  documentId: string;
  workspaceId: string;
  title: string;
  snippet: SnippetPart[];
}

export interface DeadlineView {
  documentId: string;
  at: number | null;
  setBy: PersonView | null;
  updatedAt: number | null;
}

export type ActivityKind = 'edited' | 'commented' | 'version' | 'restored' | 'imported';

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

export interface CatchUpView {
  /** When you last had the document open; null on a first visit. */
  lastVisitAt: number | null;
  /** Who changed it since, from the activity log. */
  authors: PersonView[];
  activity: ActivityView[];
  /** What changed since (empty when nothing did, or on a first visit). */
  blocks: DiffBlock[];
  insertions: number;
  deletions: number;
}
