/**
 * The guards of document-body connections, one set per server: commenters write through the
 * suggestion guard (guard.ts), editors and owners through the author check (editor-guard.ts).
 */
import type * as Y from 'yjs';
import type { UpdateGuard } from '../../collab/access.js';
import { SeenSuggestionIds, suggestionAuthorGuard } from './editor-guard.js';
import { suggestionWriteGuard } from './guard.js';
import { ShadowDocs } from './shadow.js';

export interface BodyGuards {
  /** A commenter: only their own suggestions. */
  commenter(writerId: string): UpdateGuard;
  /** An editor or owner: anything, but new suggestions only in their own name. */
  editor(writerId: string): UpdateGuard;
}

export function bodyGuards(): BodyGuards {
  const shadows = new ShadowDocs();
  const seen = new SeenSuggestionIds();
  return {
    // The copy a commenter's updates are tried on is built when they join (in slices), not at their
    // first key, and dropped when the last commenter of the document leaves.
    commenter: (writerId) =>
      Object.assign(suggestionWriteGuard(writerId, shadows), { prepare: (live: Y.Doc) => shadows.prepare(live), release: (live: Y.Doc) => shadows.release(live) }),
    editor: (writerId) => suggestionAuthorGuard(writerId, seen),
  };
}
