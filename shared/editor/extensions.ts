/**
 * The document schema, defined once: the client builds its editor from it (adding Collaboration,
 * carets, placeholder and toolbar behaviour), and the server uses it to render, export, import and
 * seed templates. Anything that changes the schema belongs here and nowhere else.
 */
import type { AnyExtension } from '@tiptap/core';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { Mathematics } from '@tiptap/extension-mathematics';
import { TableKit } from '@tiptap/extension-table';
import { StarterKit } from '@tiptap/starter-kit';
import { Figure } from './figure.js';
import { FigureRef } from './figure-ref.js';
import { Guidance } from './guidance.js';
import { WordLimitHeading } from './heading.js';
import { isSafeHref } from './links.js';
import { DocumentMention } from './mention.js';
import { suggestionMarks } from './suggestion-marks.js';
import { BlockSuggestions } from './block-suggestion.js';

/** Name of the Y.XmlFragment that holds the rich text of a document. */
export { DOCUMENT_FRAGMENT } from './fragment.js';

/** Schema extensions shared by client and server. */
export function schemaExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      // Collaboration brings Yjs-aware undo; StarterKit's own history would fight it.
      undoRedo: false,
      // Replaced by WordLimitHeading: the same `heading` node plus a `wordLimit` attribute.
      heading: false,
      // Every link, typed, pasted or synced, must pass the shared policy (no javascript:, data:, ...).
      link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'], isAllowedUri: (url) => isSafeHref(url) },
    }),
    WordLimitHeading,
    TableKit.configure({ table: { resizable: false } }),
    TaskList,
    TaskItem.configure({ nested: true }),
    Mathematics,
    Guidance,
    DocumentMention,
    Figure,
    FigureRef,
    ...suggestionMarks(),
    // After every node extension: it adds its attribute to each block type listed before it.
    BlockSuggestions,
  ];
}

/**
 * The live editor's schema. It is the shared one: block suggestions (block-suggestion.ts) are part of
 * the document everywhere, so exports, versions and restores read them too; the server's canonical
 * JSON leaves out their null default (server/text/canonical-json.ts).
 */
export function editorSchemaExtensions(): AnyExtension[] {
  return schemaExtensions();
}
