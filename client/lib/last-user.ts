/**
 * The last user this browser saw signed in, kept so that the app can start with no network (the
 * service worker serves the shell, IndexedDB the documents) and open that person's own copies.
 * Forgotten as soon as the server says nobody is signed in; never used while the server answers.
 */
import type { MeView } from '../../shared/api/auth.js';

const storageKey = 'confer:last-user';

function isMe(value: unknown): value is MeView {
  if (typeof value !== 'object' || value === null) return false;
  const me = value as Partial<MeView>;
  return typeof me.id === 'string' && typeof me.name === 'string' && typeof me.color === 'string' && typeof me.timeZone === 'string';
}

/** Keeps the signed-in user, or forgets the last one (null: the server says nobody is signed in). */
export function rememberUser(user: MeView | null): void {
  try {
    if (user) localStorage.setItem(storageKey, JSON.stringify(user));
    else localStorage.removeItem(storageKey);
  } catch {
    // Storage disabled: an offline start then opens signed out.
  }
}

/** The last signed-in user, if any is remembered. */
export function lastUser(): MeView | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey) ?? 'null');
    return isMe(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
