/**
 * Suggestions about whole blocks: an inserted table or pasted paragraphs, a deleted rule, a paragraph
 * made a heading. `@handlewithcare/prosemirror-suggest-changes` marks such blocks with node marks,
 * which the Yjs binding drops; here they live in a node attribute instead (BLOCK_SUGGESTION_ATTR),
 * which Yjs keeps as the element's attribute, so every reader and the server's suggestion guard see it.
 */
import { Extension, getExtensionField, type AnyExtension } from '@tiptap/core';
import type { Node, Schema } from '@tiptap/pm/model';
import { BLOCK_SUGGESTION_ATTR, blockSuggestionOf, SUGGESTION_MARKS, suggestionAuthor } from './suggestion-ids.js';

/** Node types that hold no block suggestion: the document itself, and inline content. */
function isBlockExtension(extension: AnyExtension): boolean {
  if (extension.type !== 'node' || extension.name === 'doc' || extension.name === 'text') return false;
  const context = { name: extension.name, options: extension.options, storage: extension.storage };
  const inline = getExtensionField<boolean | (() => boolean)>(extension, 'inline', context);
  return !(typeof inline === 'function' ? inline() : inline);
}

/** The block attribute; rendered as `data-block-suggestion` (its kind) and `data-suggestion` (its id). */
export const BlockSuggestions = Extension.create({
  name: 'conferBlockSuggestions',

  addGlobalAttributes() {
    return [
      {
        types: this.extensions.filter(isBlockExtension).map((extension) => extension.name),
        attributes: {
          [BLOCK_SUGGESTION_ATTR]: {
            default: null,
            // A split or a new block next to a suggested one is not suggested by that.
            keepOnSplit: false,
            // Never read back from pasted HTML: a suggestion is made by typing, not by pasting markup.
            parseHTML: () => null,
            renderHTML: (attributes: Record<string, unknown>) => {
              const suggestion = blockSuggestionOf(attributes[BLOCK_SUGGESTION_ATTR]);
              return suggestion ? { 'data-block-suggestion': suggestion.kind, 'data-suggestion': suggestion.id } : {};
            },
          },
        },
      },
    ];
  },
});

const widened = new WeakSet<Schema>();

/**
 * Lets the library put its node marks on blocks while it turns a transaction into suggestions (they
 * are moved to the attribute before anything is stored). TipTap builds node specs without a way to
 * extend `marks`, so the compiled types are widened once: only containers of blocks, whose mark set
 * is empty, and only by the suggestion marks, which nothing else puts on a block.
 */
export function allowBlockSuggestionMarks(schema: Schema): void {
  if (widened.has(schema)) return;
  widened.add(schema);
  const marks = SUGGESTION_MARKS.map((name) => schema.marks[name]).filter((mark) => mark !== undefined);
  for (const type of Object.values(schema.nodes)) {
    if (!type.inlineContent && Array.isArray(type.markSet) && type.markSet.length === 0) type.markSet = marks;
  }
}

/** Whether `node` holds text `authorId` did not insert (no insertion mark of theirs): someone else's. */
export function holdsOthersText(node: Node, authorId: string | null): boolean {
  let found = false;
  node.descendants((child) => {
    if (found) return false;
    if (child.isText) found = !child.marks.some((m) => m.type.name === 'insertion' && suggestionAuthor(m.attrs.id) === authorId);
    return !found;
  });
  return found;
}
