/**
 * Suggestions made the way the editor makes them: a ProseMirror transaction on the shared schema,
 * turned into suggestions (shared/editor/suggest-as.ts over `@handlewithcare/prosemirror-suggest-changes`),
 * then written to the client's Y.Doc with y-tiptap's own sync (as the editor's binding does).
 */
import { getSchema } from '@tiptap/core';
import { transformToSuggestionTransaction } from '@handlewithcare/prosemirror-suggest-changes';
import type { Node } from '@tiptap/pm/model';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { editorSchemaExtensions } from '../../shared/editor/extensions.js';
import { DOCUMENT_FRAGMENT } from '../../shared/editor/fragment.js';
import { blockSuggestionsIn, reviewSuggestion } from '../../shared/editor/review-suggestion.js';
import { suggestAs } from '../../shared/editor/suggest-as.js';

let counter = 0;

/** The live editor's schema (the shared one plus block suggestions), as the browser has it. */
export const documentSchema = getSchema(editorSchemaExtensions());

/** The document of `doc` read with the editor's schema. */
export function docToNode(doc: Y.Doc): Node {
  return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(DOCUMENT_FRAGMENT), documentSchema);
}

/** Writes `node` into `doc` with y-tiptap's own sync, as the editor's binding does. */
function applyNode(doc: Y.Doc, node: Node): void {
  doc.transact(() => updateYFragment(doc, doc.getXmlFragment(DOCUMENT_FRAGMENT), node, { mapping: new Map(), isOMark: new Map() }));
}

/** Applies `edit` to `doc` as suggestions of `authorId`, exactly as the editor does (shared/editor/suggest-as.ts). */
export function suggestEdit(doc: Y.Doc, authorId: string, edit: (tr: Transaction) => void): void {
  const state = EditorState.create({ schema: documentSchema, doc: docToNode(doc) });
  const tr = state.tr;
  edit(tr);
  const tracked = suggestAs(tr, state, authorId);
  if (!tracked) throw new Error('the editor would refuse this edit in Suggesting mode');
  applyNode(doc, state.apply(tracked).doc);
}

/**
 * The library alone, without the editor's corrections: what a careless or hostile client could send.
 * Ids are `<idAuthor>~t<n>` (`idAuthor` forges another author's).
 */
export function libraryEdit(doc: Y.Doc, idAuthor: string, edit: (tr: Transaction) => void): void {
  const state = EditorState.create({ schema: documentSchema, doc: docToNode(doc) });
  const tr = state.tr;
  edit(tr);
  const tracked = transformToSuggestionTransaction(tr, state, () => `${idAuthor}~t${(counter += 1)}`);
  applyNode(doc, state.apply(tracked).doc);
}

/** Where `text` starts in the document of `doc` (a ProseMirror position), or throws. */
export function positionOf(doc: Y.Doc, text: string): number {
  let found = -1;
  docToNode(doc).descendants((node, pos) => {
    if (found >= 0 || !node.isText) return found < 0;
    const at = node.text?.indexOf(text) ?? -1;
    if (at >= 0) found = pos + at;
    return false;
  });
  if (found < 0) throw new Error(`"${text}" is not in the document`);
  return found;
}

/** Each suggestion in the document: mark name, id and the text it covers, in document order. */
export function suggestionsIn(doc: Y.Doc): Array<{ mark: string; id: unknown; text: string }> {
  const out: Array<{ mark: string; id: unknown; text: string }> = [];
  docToNode(doc).descendants((node) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (!['insertion', 'deletion', 'modification'].includes(mark.type.name)) continue;
      const last = out[out.length - 1];
      if (last && last.mark === mark.type.name && last.id === mark.attrs.id) last.text += node.text ?? '';
      else out.push({ mark: mark.type.name, id: mark.attrs.id, text: node.text ?? '' });
    }
    return false;
  });
  return out;
}

/** Applies a plain (not suggested) ProseMirror edit to `doc`, as an editor in Editing mode would. */
export function directEdit(doc: Y.Doc, edit: (tr: Transaction) => void): void {
  const state = EditorState.create({ schema: documentSchema, doc: docToNode(doc) });
  const tr = state.tr;
  edit(tr);
  applyNode(doc, state.apply(tr).doc);
}

/** Appends a paragraph holding `text` directly. */
export function appendParagraph(doc: Y.Doc, text: string): void {
  directEdit(doc, (tr) => tr.insert(tr.doc.content.size, documentSchema.node('paragraph', null, [documentSchema.text(text)])));
}

/** Accepts or rejects suggestion `id` in `doc` the way the review panel does (shared/editor/review-suggestion.ts). */
export function reviewEdit(doc: Y.Doc, id: string, accept: boolean): void {
  const state = EditorState.create({ schema: documentSchema, doc: docToNode(doc) });
  const tr = reviewSuggestion(state, id, accept);
  if (!tr) throw new Error(`nothing to review for ${id}`);
  applyNode(doc, state.apply(tr).doc);
}

/** Each block suggestion in the document: node type, kind, id, in document order. */
export function blockSuggestionsOf(doc: Y.Doc): Array<{ type: string; kind: string; id: string }> {
  return blockSuggestionsIn(docToNode(doc)).map(({ node, suggestion }) => ({ type: node.type.name, kind: suggestion.kind, id: suggestion.id }));
}
