/**
 * Inline code for Markdown export. The serialiser writes a code mark as one backtick each side of
 * the raw text, so code holding a backtick ended the span early and the rest (`<script>` say) was
 * read as Markdown or HTML. Marks are rendered without seeing their text, so each code run is
 * swapped for a numbered stand-in before serialising and written as a proper span afterwards.
 */
import type { JSONContent } from '@tiptap/core';
import { codeSpan } from './markdown-escape.js';

/** Private-use code points around a stand-in's number; text never contains them (see below). */
const OPEN = '\uE025';
const CLOSE = '\uE026';
const STAND_IN = new RegExp(`\`?${OPEN}(\\d+)${CLOSE}\`?`, 'g');

/** A document with stand-ins for its inline code, and the function that writes the code back. */
export interface ProtectedCode {
  json: JSONContent;
  restore(markdown: string): string;
}

export function protectInlineCode(doc: JSONContent): ProtectedCode {
  const spans: string[] = [];
  const walk = (node: JSONContent): JSONContent => {
    if (node.type === 'text' && typeof node.text === 'string') {
      const text = node.text.replaceAll(OPEN, '').replaceAll(CLOSE, '');
      if (!(node.marks ?? []).some((mark) => mark.type === 'code')) return { ...node, text };
      spans.push(text);
      return { ...node, text: `${OPEN}${spans.length - 1}${CLOSE}` };
    }
    return node.content ? { ...node, content: node.content.map(walk) } : node;
  };
  return {
    json: walk(doc),
    restore: (markdown) => markdown.replace(STAND_IN, (_, index: string) => codeSpan(spans[Number(index)] ?? '')),
  };
}
