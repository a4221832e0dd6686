/** A document's deadline as the API shows it. */
import type { DeadlineView } from '../../../shared/api/deadlines.js';
import { wallTimeIn } from '../../../shared/wall-time.js';
import { person, type People } from '../members/index.js';
import type { DeadlineRecord } from './store.js';

export function presentDeadline(docId: string, d: DeadlineRecord | undefined, people: People): DeadlineView {
  return {
    documentId: docId,
    at: d?.at ?? null,
    timeZone: d?.timeZone ?? null,
    local: d ? wallTimeIn(d.at, d.timeZone) : null,
    setBy: d ? person(people, d.setBy) : null,
    updatedAt: d?.updatedAt ?? null,
  };
}
