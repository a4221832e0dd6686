/**
 * Offline copies of documents (y-indexeddb databases named `confer:<userId>:<docId>`) and a small
 * registry in localStorage of whose each copy is and whether it holds changes the server has not
 * confirmed yet.
 *
 * Wards and labs share computers, so a browser keeps copies only for the person signed in to it:
 * - signing out deletes every copy of that person, after warning about unsaved changes (App.tsx);
 * - whenever the browser is found signed out or signed in as someone else (a session that expired or
 *   was ended elsewhere), the other people's copies that the server already has are deleted at once.
 *   A copy with unconfirmed changes is kept, because deleting it would lose work nobody chose to
 *   discard; the sign-in page says so and offers to sign in as its owner (opening the document saves
 *   it) or to discard it. The app never opens another person's copy.
 * A copy the registry does not know (made before it existed) is treated as possibly unsaved until its
 * owner signs out here.
 */
import { clearDocument } from 'y-indexeddb';
import type { Role } from '../../shared/roles.js';

const registryKey = 'confer:local-copies';
const guest = 'guest';

interface CopyFacts {
  title: string | null;
  /** Holds changes the server has not confirmed as committed. */
  unsaved: boolean;
  /** The owner's role in the document's group when last online: an offline start may edit only if it could. */
  role?: Role | null;
}

interface Owner {
  name: string;
  copies: Record<string, CopyFacts>;
}

type Registry = Record<string, Owner>;

/** The database name of one person's copy of one document (the signed-out guest's when `userId` is null). */
export function localCopyName(userId: string | null, docId: string): string {
  return `confer:${userId ?? guest}:${docId}`;
}

function isOwner(value: unknown): value is Owner {
  return typeof value === 'object' && value !== null && typeof (value as Owner).name === 'string' && typeof (value as Owner).copies === 'object';
}

function readRegistry(): Registry {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(registryKey) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, owner]) => isOwner(owner))) as Registry;
  } catch {
    return {};
  }
}

function writeRegistry(registry: Registry): void {
  try {
    if (Object.keys(registry).length === 0) localStorage.removeItem(registryKey);
    else localStorage.setItem(registryKey, JSON.stringify(registry));
  } catch {
    // Storage full or disabled: the prefix sweep at sign-out still finds the copies.
  }
}

/** Notes what we know of `owner`'s copy of `docId`; unknown facts keep their last value. */
export function recordCopy(owner: { id: string; name: string }, docId: string, facts: Partial<CopyFacts>): void {
  const registry = readRegistry();
  const entry = registry[owner.id] ?? { name: owner.name, copies: {} };
  const previous = entry.copies[docId] ?? { title: null, unsaved: false };
  const next = { title: facts.title ?? previous.title, unsaved: facts.unsaved ?? previous.unsaved, role: facts.role ?? previous.role ?? null };
  if (entry.name === owner.name && previous.title === next.title && previous.unsaved === next.unsaved && previous.role === next.role && registry[owner.id]) return;
  registry[owner.id] = { name: owner.name, copies: { ...entry.copies, [docId]: next } };
  writeRegistry(registry);
}

/** What is known of `userId`'s copy of `docId` (for an offline start), if there is one. */
export function copyFacts(userId: string, docId: string): Readonly<CopyFacts> | undefined {
  return readRegistry()[userId]?.copies[docId];
}

/** `userId`'s copies with changes the server has not confirmed. */
export function unsavedCopies(userId: string): { docId: string; title: string | null }[] {
  const copies = readRegistry()[userId]?.copies ?? {};
  return Object.entries(copies)
    .filter(([, facts]) => facts.unsaved)
    .map(([docId, facts]) => ({ docId, title: facts.title }));
}

/** Names of every Confer copy in this browser; empty where `indexedDB.databases()` is missing (the registry still lists ours). */
async function databaseNames(): Promise<string[]> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return [];
  const databases = await indexedDB.databases();
  return databases.map((d) => d.name ?? '').filter((name) => name.startsWith('confer:'));
}

/**
 * Resolves once each database is gone. A tab that still has one open delays its deletion until it
 * closes it (IndexedDB's "blocked"), so callers do not make anything else wait for this.
 */
async function deleteDatabases(names: Iterable<string>): Promise<void> {
  await Promise.all([...new Set(names)].map((name) => clearDocument(name)));
}

/** Deletes every copy `userId` has in this browser, saved or not, and forgets them. */
export async function deleteCopies(userId: string): Promise<void> {
  const registry = readRegistry();
  const registered = Object.keys(registry[userId]?.copies ?? {}).map((docId) => localCopyName(userId, docId));
  delete registry[userId];
  writeRegistry(registry);
  const prefix = localCopyName(userId, '');
  const found = (await databaseNames()).filter((name) => name.startsWith(prefix));
  await deleteDatabases([...registered, ...found]);
}

/**
 * Keeps copies only for `currentUserId` (null: nobody is signed in): other people's copies that the
 * server has in full are deleted; those with unsaved changes stay for their owner (see the header).
 */
export async function keepCopiesOnlyFor(currentUserId: string | null): Promise<void> {
  const registry = readRegistry();
  const doomed: string[] = [];
  for (const [ownerId, owner] of Object.entries(registry)) {
    if (ownerId === currentUserId) continue;
    for (const [docId, facts] of Object.entries(owner.copies)) {
      if (facts.unsaved) continue;
      doomed.push(localCopyName(ownerId, docId));
      delete owner.copies[docId];
    }
    if (Object.keys(owner.copies).length === 0) delete registry[ownerId];
  }
  writeRegistry(registry);
  await deleteDatabases(doomed);
}

/** People other than `currentUserId` whose unsaved copies this browser still holds. */
export function leftoverOwners(currentUserId: string | null): { id: string; name: string; documents: number }[] {
  return Object.entries(readRegistry())
    .filter(([id]) => id !== currentUserId)
    .map(([id, owner]) => ({ id, name: owner.name, documents: Object.values(owner.copies).filter((facts) => facts.unsaved).length }))
    .filter((owner) => owner.documents > 0);
}
