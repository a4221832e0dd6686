/**
 * A random name and colour for the caret until accounts exist. The server rewrites the awareness
 * `user` field from the session, so other people see whatever the server says; this is only the
 * client's own suggestion.
 */

/** The caret identity CollaborationCaret draws. */
export interface CaretUser {
  name: string;
  color: string;
}

const names = ['Curie', 'Darwin', 'Franklin', 'Hodgkin', 'Lovelace', 'Meitner', 'Noether', 'Pasteur', 'Ramanujan', 'Snow', 'Turing', 'Wu'];
// Dark enough for white label text (WCAG AA at the label's size).
const colors = ['#b3261e', '#1b6e3a', '#2f5d8a', '#8a4b00', '#6b3fa0', '#00677d', '#a0306e', '#4a5a00'];

function pick<T>(items: readonly T[]): T {
  const index = crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
  const item = items[index % items.length];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** A fresh random guest identity. */
export function randomGuest(): CaretUser {
  return { name: `Guest ${pick(names)}`, color: pick(colors) };
}
