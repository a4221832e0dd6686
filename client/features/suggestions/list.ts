/** The suggestions of a document, one entry per suggestion id, in document order. */
import type { Node } from '@tiptap/pm/model';
import { BLOCK_SUGGESTION_ATTR, blockSuggestionOf, SUGGESTION_MARKS } from '../../../shared/editor/suggestion-ids.js';

export interface SuggestionSummary {
  id: string;
  /** "insertion", "deletion", "change", in the order they appear. */
  kinds: string[];
  /** The text the suggestion covers (inserted and deleted parts together). */
  text: string;
  from: number;
  to: number;
}

const KIND: Record<string, string> = { insertion: 'insertion', deletion: 'deletion', modification: 'change' };

/** How a block suggestion is listed. */
const BLOCK_KIND: Record<string, string> = { insertion: 'inserted block', deletion: 'deleted block', type: 'block change' };

export function suggestionsOf(doc: Node): SuggestionSummary[] {
  const byId = new Map<string, SuggestionSummary>();
  doc.descendants((node, pos) => {
    const block = node.isInline ? null : blockSuggestionOf(node.attrs[BLOCK_SUGGESTION_ATTR]);
    if (block) {
      const kind = block.kind === 'type' && block.from ? `${BLOCK_KIND.type} (was ${block.from.type})` : (BLOCK_KIND[block.kind] ?? block.kind);
      const entry = byId.get(block.id);
      if (!entry) byId.set(block.id, { id: block.id, kinds: [kind], text: node.textContent, from: pos, to: pos + node.nodeSize });
      else {
        if (!entry.kinds.includes(kind)) entry.kinds.push(kind);
        entry.to = Math.max(entry.to, pos + node.nodeSize);
      }
    }
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (!(SUGGESTION_MARKS as readonly string[]).includes(mark.type.name)) continue;
      const id = String(mark.attrs.id);
      const kind = KIND[mark.type.name] ?? mark.type.name;
      const entry = byId.get(id);
      if (!entry) byId.set(id, { id, kinds: [kind], text: node.text ?? '', from: pos, to: pos + node.nodeSize });
      else {
        if (!entry.kinds.includes(kind)) entry.kinds.push(kind);
        entry.text += node.text ?? '';
        entry.to = pos + node.nodeSize;
      }
    }
    return false;
  });
  return [...byId.values()];
}
