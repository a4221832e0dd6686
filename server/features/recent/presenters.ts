/** Recent documents as the API shows them; every field listed explicitly. */
import type { RecentDocumentView } from '../../../shared/api/recent.js';
import type { PersonView } from '../../../shared/api/people.js';
import { person, type People } from '../members/index.js';
import type { RecentRecord } from './store.js';

export function presentRecent(record: RecentRecord, people: People): RecentDocumentView {
  return {
    id: record.docId,
    title: record.title,
    workspace: { id: record.workspaceId, name: record.workspaceName },
    visitedAt: record.visitedAt,
    updatedAt: record.updatedAt,
    changedBy: record.changedBy.map((id) => person(people, id)).filter((p): p is PersonView => p !== null),
  };
}
