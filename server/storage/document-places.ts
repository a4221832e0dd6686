/**
 * Where a document lives (its workspace) and who created it, for the commit listeners (notifications,
 * activity, versions, suggestion times, comment search): each of them asked the `documents` table once
 * per burst per document, the same question with the same answer, and those queries were the largest
 * share of the listeners' cost.
 *
 * The answer is kept once found because neither fact ever changes for an id: `workspace_id` and
 * `created_by` are written only by `DocumentMetaStore.create`, nothing updates them, and no code deletes
 * a document row (the trash sets `deleted_at`, which the listeners do not read; a title is not kept here).
 * A code path that ever moves or deletes a document must call `forgetDocumentPlace`. A miss is never
 * kept: a document created after a first look is found by the next one.
 */
import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

export interface DocumentPlace {
  workspaceId: string;
  createdBy: string;
}

/** Documents remembered per database; an edited document is looked up again after falling out. */
export const DOCUMENT_PLACES_KEPT = 10_000;

/** One cache per database handle, so every service given the same `db` shares it without new wiring. */
const caches = new WeakMap<object, Map<string, DocumentPlace>>();

function cacheOf(db: Kysely<Schema>): Map<string, DocumentPlace> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

/** The document's workspace and creator, or undefined when it has no metadata row (relay-only tests, seeds). */
export async function documentPlace(db: Kysely<Schema>, docId: string): Promise<DocumentPlace | undefined> {
  const cache = cacheOf(db);
  const kept = cache.get(docId);
  if (kept) {
    // Least recently used first: a hit moves to the end.
    cache.delete(docId);
    cache.set(docId, kept);
    return kept;
  }
  const row = await db.selectFrom('documents').select(['workspace_id', 'created_by']).where('id', '=', docId).executeTakeFirst();
  if (!row) return undefined;
  const place = { workspaceId: row.workspace_id, createdBy: row.created_by };
  cache.set(docId, place);
  if (cache.size > DOCUMENT_PLACES_KEPT) cache.delete(cache.keys().next().value as string);
  return place;
}

/** Drops what is kept for a document (for a future move or deletion). */
export function forgetDocumentPlace(db: Kysely<Schema>, docId: string): void {
  caches.get(db)?.delete(docId);
}
