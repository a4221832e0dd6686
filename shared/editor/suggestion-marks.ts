/**
 * The marks of suggestion mode, as `@handlewithcare/prosemirror-suggest-changes` expects them
 * (names `insertion`, `deletion`, `modification`; its mark specs, so its commands and plugin work on
 * this schema unchanged). In the Yjs document each is a formatting attribute of Y.XmlText (or a node
 * mark) under the same name, whose value holds `id`.
 *
 * Suggestion ids are strings `<userId>~<random>`: the author is part of the id, so two reviewers
 * suggesting at the same spot never share one id, and the server can check the author part of every
 * new suggestion against the authenticated writer. The time of a suggestion is recorded by the
 * server when it first commits the id, not taken from the client.
 *
 * One change to the library's specs: an insertion and a deletion may sit on the same text (the library
 * has each exclude the other). Deleting inside someone else's suggested insertion is a deletion
 * suggestion of one's own on their text (shared/editor/suggest-as.ts), so the text carries both.
 */
import { Mark } from '@tiptap/core';
import { deletion, insertion, modification } from '@handlewithcare/prosemirror-suggest-changes';
import type { MarkSpec } from '@tiptap/pm/model';
import type { SuggestionMarkName } from './suggestion-ids.js';

export { SUGGESTION_ID_SEPARATOR, SUGGESTION_MARKS, suggestionAuthor, type SuggestionMarkName } from './suggestion-ids.js';

/**
 * A TipTap mark with the library's spec: TipTap's own fields for inclusive, excludes and attributes
 * (it would overwrite them otherwise), and the library's toDOM/parseDOM unchanged, which TipTap keeps
 * when the extension defines no renderHTML/parseHTML of its own.
 */
function markFromSpec(name: SuggestionMarkName, spec: MarkSpec, excludes = spec.excludes): Mark {
  const attrs = Object.entries(spec.attrs ?? {});
  return Mark.create({
    name,
    inclusive: spec.inclusive ?? false,
    excludes,
    addAttributes: () =>
      Object.fromEntries(
        attrs.map(([key, attr]) => [key, 'default' in attr ? { default: attr.default, validate: attr.validate } : { isRequired: true, default: undefined, validate: attr.validate }]),
      ),
    extendMarkSchema: (extension) => (extension.name === name ? { toDOM: spec.toDOM, parseDOM: spec.parseDOM } : {}),
  });
}

/** The three suggestion marks, for schemaExtensions(). */
export function suggestionMarks(): Mark[] {
  return [
    markFromSpec('insertion', insertion, 'insertion modification'),
    markFromSpec('deletion', deletion, 'deletion modification'),
    markFromSpec('modification', modification),
  ];
}
