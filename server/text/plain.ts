/**
 * Plain text for search indexing and snippets: one line per block, list items and table cells on
 * their own lines, math as its LaTeX, so a search for "mc^2" or a section title finds the document.
 */
import type { JSONContent } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { toDocumentNode } from './schema.js';

/** Text of inline leaves that carry no text node. */
function leafText(leaf: Node): string {
  if (leaf.type.name === 'hardBreak') return '\n';
  if (leaf.type.name === 'figureRef') return 'Figure';
  if (leaf.type.name === 'inlineMath' || leaf.type.name === 'blockMath') return String(leaf.attrs.latex ?? '');
  return '';
}

/** The document's text, blocks separated by newlines. */
export function toPlainText(json: JSONContent): string {
  const node = toDocumentNode(json);
  return node
    .textBetween(0, node.content.size, '\n', leafText)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
