/** Activity entries as the API shows them; every field listed explicitly. */
import type { ActivityView } from '../../../shared/api/activity.js';
import { person, type People } from '../members/index.js';
import type { ActivityRecord } from './store.js';

export function presentActivity(a: ActivityRecord, people: People): ActivityView {
  return {
    id: a.id,
    workspaceId: a.workspaceId,
    documentId: a.docId,
    documentTitle: a.docTitle,
    kind: a.kind,
    user: person(people, a.userId),
    startedAt: a.startedAt,
    at: a.at,
    detail: a.detail,
  };
}
