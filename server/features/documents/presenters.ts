/** A document's metadata as the API shows it; every field listed explicitly. */
import type { DocumentView } from '../../../shared/api/documents.js';
import type { PersonView } from '../../../shared/api/people.js';
import type { DocumentRecord } from '../../storage/documents.js';
import { person, type People } from '../members/index.js';

/** `people` names those in `doc.changedBy` (see peopleByIds); anyone missing reads "Former member". */
export function presentDocument(doc: DocumentRecord, people: People): DocumentView {
  return {
    id: doc.id,
    workspaceId: doc.workspaceId,
    title: doc.title,
    template: doc.template,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    changedBy: doc.changedBy.map((id) => person(people, id)).filter((p): p is PersonView => p !== null),
    deletedAt: doc.deletedAt,
  };
}

/** People for a change the signed-in user just made (no lookup needed). */
export function onlyMe(user: { id: string; name: string }): People {
  return new Map([[user.id, { id: user.id, name: user.name }]]);
}
