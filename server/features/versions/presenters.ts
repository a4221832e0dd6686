/** Versions as the API shows them; every field listed explicitly. */
import type { PersonView } from '../../../shared/api/people.js';
import type { VersionView } from '../../../shared/api/versions.js';
import { person, type People } from '../members/index.js';
import type { VersionRecord } from './store.js';

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
