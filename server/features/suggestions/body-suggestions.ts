/**
 * The suggestions of a document body, read straight from the Yjs state (y-prosemirror's layout: marks
 * are formatting attributes of Y.XmlText whose value holds the suggestion `id`, shared/editor/suggestion-ids.ts).
 * Each id comes with its author (the id's `<userId>~` part) and the text it covers, for the excerpt.
 */
import * as Y from 'yjs';
import { suggestionAuthor, suggestionIdOf, suggestionMarkOfKey, type SuggestionMarkName } from '../../../shared/editor/suggestion-ids.js';

export interface BodySuggestion {
  id: string;
  authorId: string;
  /** The first mark seen with this id (a suggestion usually has one kind). */
  mark: SuggestionMarkName;
  /** The text the suggestion covers, zero-width anchors left out, clipped. */
  text: string;
}

/** shared/editor/extensions.ts DOCUMENT_FRAGMENT (not imported: it loads TipTap). */
const BODY_FRAGMENT = 'default';
const EXCERPT_LENGTH = 200;
const ZERO_WIDTH_SPACE = /\u200B/g;

function clip(text: string): string {
  const flat = text.replace(ZERO_WIDTH_SPACE, '').replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}

/** Every suggestion id of the body with an author part, in document order of first appearance. */
export function bodySuggestions(state: Uint8Array): BodySuggestion[] {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const found = new Map<string, { authorId: string; mark: SuggestionMarkName; text: string }>();
    const noteText = (text: Y.XmlText) => {
      for (const run of text.toDelta() as Array<{ insert?: unknown; attributes?: Record<string, unknown> }>) {
        const chars = typeof run.insert === 'string' ? run.insert : '';
        for (const [key, value] of Object.entries(run.attributes ?? {})) {
          const mark = suggestionMarkOfKey(key);
          const id = suggestionIdOf(value);
          const authorId = suggestionAuthor(id);
          if (mark === null || typeof id !== 'string' || authorId === null) continue;
          const entry = found.get(id);
          if (entry) entry.text += chars;
          else found.set(id, { authorId, mark, text: chars });
        }
      }
    };
    const walk = (parent: Y.XmlElement | Y.XmlFragment) => {
      for (const child of parent.toArray()) {
        if (child instanceof Y.XmlText) noteText(child);
        else if (child instanceof Y.XmlElement) walk(child);
      }
    };
    walk(doc.getXmlFragment(BODY_FRAGMENT));
    return [...found].map(([id, s]) => ({ id, authorId: s.authorId, mark: s.mark, text: clip(s.text) }));
  } finally {
    doc.destroy();
  }
}
