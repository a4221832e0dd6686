/**
 * The ProseMirror schema built from the shared extension list, and the one normalisation every
 * export and import passes through, so nothing the editor itself would refuse leaves or enters.
 */
import { getSchema, type JSONContent } from '@tiptap/core';
import { Node, type Mark, type Schema } from '@tiptap/pm/model';
import { schemaExtensions } from '../../shared/editor/extensions.js';
import { normaliseWordLimit } from '../../shared/editor/heading.js';
import { isSafeHref } from '../../shared/editor/links.js';
import { canonicalJson } from './canonical-json.js';

/** The shared extensions, built once per process; extensions are configuration, not state. */
export const documentExtensions = schemaExtensions();

/** The shared schema; a ProseMirror Schema is immutable once built. */
export const documentSchema: Schema = getSchema(documentExtensions);

/** An empty document, valid for the schema. */
export function emptyDocument(): JSONContent {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}

/** Drops link marks whose href is not http(s)/mailto (a client can write any attribute into Yjs). */
function safeMarks(marks: readonly Mark[]): readonly Mark[] {
  return marks.some((m) => m.type.name === 'link' && !isSafeHref(m.attrs.href))
    ? marks.filter((m) => m.type.name !== 'link' || isSafeHref(m.attrs.href))
    : marks;
}

/** Rebuilds a node with safe marks and sane attributes, recursively. */
function cleanNode(node: Node): Node {
  if (node.isText) return node.mark(safeMarks(node.marks));
  const children: Node[] = [];
  node.forEach((child) => children.push(cleanNode(child)));
  const attrs =
    node.type.name === 'heading' ? { ...node.attrs, wordLimit: normaliseWordLimit(node.attrs.wordLimit) } : node.attrs;
  return node.type.create(attrs, children, safeMarks(node.marks));
}

/**
 * Parses JSON against the schema (throws on unknown node or mark types), checks the content
 * expressions, drops unsafe links, and returns a node whose JSON carries every default attribute.
 */
export function toDocumentNode(json: JSONContent): Node {
  const node = cleanNode(Node.fromJSON(documentSchema, json));
  node.check();
  return node;
}

/** The canonical JSON form of a document (see toDocumentNode). */
export function normaliseJson(json: JSONContent): JSONContent {
  return canonicalJson(toDocumentNode(json));
}
