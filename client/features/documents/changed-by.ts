/** "by Priya Patel", "by you and Sam Lee", "by Priya Patel, Sam Lee and 2 others": who made a document's last change. */
import type { PersonView } from '../../../shared/api/people.js';

/** At most this many names; the rest are counted. */
const NAMED = 2;

/** The words after "Changed 5 min ago" ('' when nobody is known, e.g. a restored version). */
export function changedByText(people: readonly PersonView[], myId: string | undefined): string {
  // You first: "by you and Sam" reads better than "by Sam and you".
  const names = [...people].sort((a, b) => Number(b.id === myId) - Number(a.id === myId)).map((p) => (p.id === myId ? 'you' : p.name));
  if (names.length === 0) return '';
  const shown = names.length <= NAMED + 1 ? names : [...names.slice(0, NAMED), `${names.length - NAMED} others`];
  return `by ${new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(shown)}`;
}
