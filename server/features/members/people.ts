/** Names for user ids, looked up in one query (versions, activity, deadlines and catch-up name people). */
import type { Kysely } from 'kysely';
import type { PersonView } from '../../../shared/api/people.js';
import { chunks } from '../../storage/rows.js';
import type { Schema } from '../../storage/schema.js';

/** People by id, as returned by `peopleByIds`. */
export type People = ReadonlyMap<string, PersonView>;

/** `peopleByIds` over the server's database, as routes get it injected. */
export type PeopleLookup = (ids: Iterable<string>) => Promise<People>;

/** Looks up display names; unknown ids (a deleted account) come back as "Former member". */
export async function peopleByIds(db: Kysely<Schema>, ids: Iterable<string>): Promise<Map<string, PersonView>> {
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

/** The person for `id` (null stays null: an automatic version, a system event). */
export function person(people: People, id: string | null): PersonView | null {
  if (id === null) return null;
  return people.get(id) ?? { id, name: 'Former member' };
}
