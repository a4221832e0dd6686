/**
 * A document prepared for an export with its suggestions marked (`?suggestions=marked`, Markdown and
 * HTML): the text of a block suggested inserted or deleted (a pasted paragraph, a deleted table's
 * cells) gets the insertion or deletion mark of that suggestion, so it comes out as `<ins>`/`<del>`
 * like suggested text. Text that already carries a suggestion keeps its own. A type change shows in
 * HTML only, by the block's `data-block-suggestion` attribute (html-style.ts).
 */
import type { JSONContent } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { Transform } from '@tiptap/pm/transform';
import { blockSuggestionsIn } from '../../shared/editor/review-suggestion.js';
import { canonicalJson } from './canonical-json.js';
import { toDocumentNode } from './schema.js';

const SUGGESTED_TEXT = new Set(['insertion', 'deletion']);

/** `json` with the text of inserted and deleted blocks marked as such; unchanged when it has none. */
export function markedBlocksJson(json: JSONContent): JSONContent {
  const doc = toDocumentNode(json);
  const blocks = blockSuggestionsIn(doc).filter(({ suggestion }) => suggestion.kind !== 'type');
  if (blocks.length === 0) return json;
  const tr = new Transform(doc);
  for (const { pos, node, suggestion } of blocks) {
    const mark = doc.type.schema.marks[suggestion.kind]?.create({ id: suggestion.id });
    if (!mark) continue;
    node.descendants((child: Node, offset: number, parent: Node | null) => {
      if (!child.isText || !parent?.type.allowsMarkType(mark.type)) return true;
      if (child.marks.some((m) => SUGGESTED_TEXT.has(m.type.name))) return false;
      const from = pos + 1 + offset;
      tr.addMark(from, from + child.nodeSize, mark);
      return false;
    });
  }
  return canonicalJson(tr.doc);
}
