/** Kysely type of migration 0018's table (when each suggestion was first committed), part of `Schema`. */

/** Timestamps are integers; pg may hand `bigint` back as a string. */
type Int = number | string;

export interface SuggestionTimesTable {
  doc_id: string;
  /** `<authorId>~<random>` (shared/editor/suggestion-ids.ts). */
  suggestion_id: string;
  author_id: string;
  /** Server time (ms) of the commit burst in which the id first appeared. */
  first_at: Int;
}
