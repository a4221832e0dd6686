/**
 * Who wrote a comment is the server's word, not the comment's: every reader shows the name the
 * server has for the author's id (a workspace member, or the account of someone who has left), and
 * the name stored in the comment only when the server knows no one by that id. So neither a hostile
 * commenter nor an unguarded editor can sign with someone else's name, and a rename shows everywhere.
 */
import type { CommentAuthor, ThreadData } from './threads.js';

/** Display names by user id, as the server knows them. */
export type NamesById = ReadonlyMap<string, string>;

/** `people` as a lookup by id. */
export function namesById(people: readonly CommentAuthor[]): NamesById {
  return new Map(people.map((person) => [person.id, person.name]));
}

/** Every author id a thread mentions (creator, commenters, resolver), once each. */
export function authorIds(thread: ThreadData): Set<string> {
  const ids = new Set([thread.createdBy.id, ...thread.comments.map((c) => c.author.id)]);
  if (thread.resolvedBy) ids.add(thread.resolvedBy.id);
  return ids;
}

function named(author: CommentAuthor, names: NamesById): CommentAuthor {
  const name = names.get(author.id);
  return name === undefined || name === author.name ? author : { id: author.id, name };
}

/** `thread` with every author shown under the server's name for their id. */
export function withServerNames(thread: ThreadData, names: NamesById): ThreadData {
  return {
    ...thread,
    createdBy: named(thread.createdBy, names),
    resolvedBy: thread.resolvedBy ? named(thread.resolvedBy, names) : null,
    comments: thread.comments.map((comment) => ({ ...comment, author: named(comment.author, names) })),
  };
}
