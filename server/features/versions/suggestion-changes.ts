/**
 * The suggestions a later state has that an earlier one did not: one entry per suggestion id, with
 * excerpts of what it would insert and delete. The author is the user id in the suggestion's id
 * (`<userId>~<random>`), which the server's suggestion guard checked when it was written.
 */
import { suggestionAuthor } from '../../../shared/editor/suggestion-ids.js';
import type { Block } from './blocks.js';

/** Longest excerpt sent for one suggestion; a whole suggested section would be too much to list. */
export const SUGGESTION_EXCERPT_CHARS = 160;

export interface SuggestionChange {
  id: string;
  authorId: string;
  inserted: string;
  deleted: string;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= SUGGESTION_EXCERPT_CHARS ? flat : `${flat.slice(0, SUGGESTION_EXCERPT_CHARS - 1).trimEnd()}…`;
}

function idsIn(blocks: readonly Block[]): Set<string> {
  const ids = new Set<string>();
  for (const block of blocks) {
    for (const run of block.runs) {
      if (run.suggestion) ids.add(run.suggestion.id);
      if (run.suggestion?.deletedBy !== undefined) ids.add(run.suggestion.deletedBy);
    }
  }
  return ids;
}

/** Suggestions of `after` whose ids `before` does not hold, in document order. */
export function newSuggestions(before: readonly Block[], after: readonly Block[]): SuggestionChange[] {
  const old = idsIn(before);
  const found = new Map<string, { authorId: string; inserted: string[]; deleted: string[] }>();
  const note = (id: string, kind: 'inserted' | 'deleted', text: string) => {
    if (old.has(id)) return;
    const authorId = suggestionAuthor(id);
    if (authorId === null) return;
    const entry = found.get(id) ?? { authorId, inserted: [], deleted: [] };
    found.set(id, entry);
    entry[kind].push(text);
  };
  for (const block of after) {
    for (const run of block.runs) {
      const s = run.suggestion;
      if (!s) continue;
      note(s.id, s.kind === 'insertion' ? 'inserted' : 'deleted', run.text);
      // A deletion of someone else's suggested text is a suggestion of its own author.
      if (s.deletedBy !== undefined) note(s.deletedBy, 'deleted', run.text);
    }
  }
  return [...found].map(([id, e]) => ({ id, authorId: e.authorId, inserted: excerpt(e.inserted.join(' ')), deleted: excerpt(e.deleted.join(' ')) }));
}
