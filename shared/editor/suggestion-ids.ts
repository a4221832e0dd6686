/**
 * Suggestion ids and mark names without any editor code, so the server can read suggestions straight
 * from Yjs data (the TipTap marks themselves are in suggestion-marks.ts, which re-exports these).
 *
 * Ids are strings `<userId>~<random>`: the author is part of the id, so two reviewers suggesting at the
 * same spot never share one, and the server checks the author part of each new suggestion.
 */
export const SUGGESTION_MARKS = ['insertion', 'deletion', 'modification'] as const;
export type SuggestionMarkName = (typeof SUGGESTION_MARKS)[number];

/** Separates the author's user id from the random part of a suggestion id. */
export const SUGGESTION_ID_SEPARATOR = '~';

/** The author's user id of a suggestion id, or null when the id has no author part. */
export function suggestionAuthor(id: unknown): string | null {
  if (typeof id !== 'string') return null;
  const at = id.indexOf(SUGGESTION_ID_SEPARATOR);
  return at > 0 ? id.slice(0, at) : null;
}

/**
 * The suggestion mark a Y.XmlText formatting key stands for, or null. y-prosemirror stores a mark that
 * may overlap itself (`modification`) under `<name>--<hash>`, the others under their plain name.
 */
export function suggestionMarkOfKey(key: string): SuggestionMarkName | null {
  const name = /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(key)?.[1] ?? key;
  return (SUGGESTION_MARKS as readonly string[]).includes(name) ? (name as SuggestionMarkName) : null;
}

/** The id of a suggestion mark's attribute value ({ id, ... }), or undefined. */
export function suggestionIdOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
}

/**
 * The node attribute (and Y.XmlElement attribute) of a suggestion about a whole block: inserted,
 * deleted, or its type changed (paragraph to heading). Node marks would say the same, but the Yjs
 * binding does not store them, so the block's own attribute carries it (shared/editor/block-suggestion.ts).
 */
export const BLOCK_SUGGESTION_ATTR = 'blockSuggestion';

export type BlockSuggestionKind = 'insertion' | 'deletion' | 'type';

export interface BlockSuggestion {
  kind: BlockSuggestionKind;
  id: string;
  /** For `type`: the block as it was (node type name and attributes). */
  from?: { type: string; attrs: Record<string, unknown> };
}

/** A block suggestion attribute value, or null when `value` is not one. */
export function blockSuggestionOf(value: unknown): BlockSuggestion | null {
  if (typeof value !== 'object' || value === null) return null;
  const { kind, id, from } = value as Partial<BlockSuggestion>;
  if (typeof id !== 'string' || (kind !== 'insertion' && kind !== 'deletion' && kind !== 'type')) return null;
  if (kind !== 'type') return { kind, id };
  if (typeof from !== 'object' || from === null || typeof from.type !== 'string' || typeof from.attrs !== 'object' || from.attrs === null) return null;
  return { kind, id, from: { type: from.type, attrs: from.attrs } };
}
