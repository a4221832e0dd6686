/**
 * Between Yjs and ProseMirror JSON. Reading never touches the caller's Y.Doc: y-tiptap deletes
 * content it cannot fit into the schema while it reads, so we read from a throwaway copy (a live
 * room document must only change through the durable update path).
 */
import type { JSONContent } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { DOCUMENT_FRAGMENT } from '../../shared/editor/extensions.js';
import { canonicalJson } from './canonical-json.js';
import { documentSchema, toDocumentNode } from './schema.js';

/** A copy of `source` (a Y.Doc or an encoded state), for reads and for computing diffs. */
function copyOf(source: Y.Doc | Uint8Array): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, source instanceof Y.Doc ? Y.encodeStateAsUpdate(source) : source);
  return copy;
}

/** The document's rich text as a schema node, repaired if concurrent edits left it invalid. */
export function docToNode(source: Y.Doc | Uint8Array): Node {
  const copy = copyOf(source);
  try {
    const root = yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(DOCUMENT_FRAGMENT), documentSchema);
    try {
      return toDocumentNode(root.toJSON() as JSONContent);
    } catch {
      // Empty fragment (a new document) or content the schema rejects: keep what fits.
      const filled = documentSchema.topNodeType.createAndFill(null, root.content) ?? documentSchema.topNodeType.createAndFill();
      if (!filled) throw new Error('schema cannot build an empty document');
      return toDocumentNode(filled.toJSON() as JSONContent);
    }
  } finally {
    copy.destroy();
  }
}

/** The document's rich text as canonical ProseMirror JSON. */
export function docToJson(source: Y.Doc | Uint8Array): JSONContent {
  return canonicalJson(docToNode(source));
}

/**
 * Makes `doc`'s rich text equal `json` with the smallest change y-tiptap can find (unchanged
 * paragraphs keep their Yjs identity, so comments anchored in them survive a version restore).
 * Runs in one transaction with `origin`, so observers see a single update.
 */
export function applyJsonToDoc(doc: Y.Doc, json: JSONContent, origin: unknown = null): void {
  const node = toDocumentNode(json);
  const fragment = doc.getXmlFragment(DOCUMENT_FRAGMENT);
  doc.transact(() => {
    updateYFragment(doc, fragment, node, { mapping: new Map(), isOMark: new Map() });
  }, origin);
}

/**
 * The Yjs update that turns `current` into `json`, computed on a copy: hand it to the room like
 * any client update so it is committed and relayed (version restore, import into an open document).
 */
export function replaceContentUpdate(current: Y.Doc | Uint8Array, json: JSONContent): Uint8Array {
  const copy = copyOf(current);
  try {
    const before = Y.encodeStateVector(copy);
    applyJsonToDoc(copy, json);
    return Y.encodeStateAsUpdate(copy, before);
  } finally {
    copy.destroy();
  }
}

/** A complete Yjs update for a new document holding `json`. */
export function jsonToUpdate(json: JSONContent): Uint8Array {
  const doc = new Y.Doc();
  try {
    applyJsonToDoc(doc, json);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
