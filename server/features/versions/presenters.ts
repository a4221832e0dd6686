/** Presenters for research answers: every field listed explicitly, as in presenters.ts. */
import type { ActivityView } from '../../../shared/api/activity.js';
import type { DeadlineView } from '../../../shared/api/deadlines.js';
import type { PersonView } from '../../../shared/api/people.js';
import type { SearchResultView } from '../../../shared/api/search.js';
import type { VersionView } from '../../../shared/api/versions.js';
import type { ActivityRecord } from '../activity/store.js';
import type { DeadlineRecord } from '../deadlines/store.js';
import type { SearchHit } from '../search/search-index.js';
import type { VersionRecord } from './store.js';

type People = ReadonlyMap<string, PersonView>;

function person(people: People, id: string | null): PersonView | null {
  if (id === null) return null;
  return people.get(id) ?? { id, name: 'Former member' };
}

/** User ids a list of versions names (to look up once). */
export function versionPeople(versions: readonly VersionRecord[]): string[] {
  return versions.flatMap((v) => [...(v.createdBy ? [v.createdBy] : []), ...v.authors]);
}

export function presentVersion(v: VersionRecord, people: People): VersionView {
  return {
    id: v.id,
    documentId: v.docId,
    name: v.name,
    kind: v.kind,
    createdAt: v.createdAt,
    createdBy: person(people, v.createdBy),
    authors: v.authors.map((id) => person(people, id)).filter((p): p is PersonView => p !== null),
  };
}

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

export function presentDeadline(docId: string, d: DeadlineRecord | undefined, people: People): DeadlineView {
  return { documentId: docId, at: d?.at ?? null, setBy: d ? person(people, d.setBy) : null, updatedAt: d?.updatedAt ?? null };
}

export function presentSearchHit(hit: SearchHit): SearchResultView {
  return { documentId: hit.docId, workspaceId: hit.workspaceId, title: hit.title, snippet: hit.snippet.map((p) => ({ text: p.text, hit: p.hit })) };
}
