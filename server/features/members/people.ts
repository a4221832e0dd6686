/** Names for user ids, looked up in one query (versions, activity and catch-up name people). */
import type { PersonView } from '../../../shared/api/people.js';
import { chunks } from '../../storage/rows.js';
import type { ResearchDb } from '../../storage/feature-schema.js';

/** Looks up display names; unknown ids (a deleted account) come back as "Former member". */
export async function peopleByIds(db: ResearchDb, ids: Iterable<string>): Promise<Map<string, PersonView>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, PersonView>();
  for (const part of chunks(unique)) {
    if (part.length === 0) continue;
    const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', part).execute();
    for (const row of rows) out.set(row.id, { id: row.id, name: row.name });
  }
  for (const id of unique) if (!out.has(id)) out.set(id, { id, name: 'Former member' });
  return out;
}
