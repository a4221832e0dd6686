/** The authors a PDF's title block names: the creator, then everyone who edited, in the order they first did. */
import type { ActivityStore } from '../activity/index.js';
import type { PeopleLookup } from '../members/index.js';
import type { DocumentRecord } from '../../storage/documents.js';

/** Enough history for a title block; a document with more editors than this names the earliest ones. */
const MAX_ENTRIES = 1000;

export function documentAuthors(deps: { activity: Pick<ActivityStore, 'list'>; people: PeopleLookup }): (doc: DocumentRecord) => Promise<string[]> {
  return async (doc) => {
    const entries = await deps.activity.list({ docId: doc.id, limit: MAX_ENTRIES });
    // The list is newest first: walk it backwards so the order is "first edited".
    const editors = entries
      .filter((entry) => entry.kind === 'edited' || entry.kind === 'imported')
      .map((entry) => entry.userId)
      .filter((id): id is string => id !== null)
      .reverse();
    const ids = [...new Set([doc.createdBy, ...editors])];
    const names = await deps.people(ids);
    return ids.map((id) => names.get(id)?.name).filter((name): name is string => name !== undefined && name !== 'Former member');
  };
}
