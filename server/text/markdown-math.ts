/**
 * Markdown-only adjustments for math, so prices in prose are not read as formulas.
 * - Import: Pandoc's rule for inline math: `$` followed by a non-space, closed by a `$` preceded by
 *   a non-space and not followed by a digit ("$5 or $10" stays text; "$E = mc^2$" is math).
 * - Export: a literal `$` in text is written as `\$` (a CommonMark escape every viewer shows as `$`),
 *   and the LaTeX itself is escaped so it can neither end early nor carry HTML (markdown-escape.ts).
 */
import type { JSONContent } from '@tiptap/core';
import { BlockMath, InlineMath } from '@tiptap/extension-mathematics';
import { latexForMarkdown } from './markdown-escape.js';

const PANDOC_INLINE_MATH = /^\$(?=\S)((?:[^$\\\n]|\\.)+?)(?<=\S)\$(?![\d$])/;

/** Inline math whose Markdown tokenizer follows Pandoc's rule and whose LaTeX is written escaped. */
export const StrictInlineMath = InlineMath.extend({
  renderMarkdown: (node: JSONContent) => `$${latexForMarkdown(String(node.attrs?.latex ?? ''), false)}$`,
  markdownTokenizer: {
    name: 'inlineMath',
    level: 'inline',
    start: (src: string) => src.indexOf('$'),
    tokenize: (src: string) => {
      const match = PANDOC_INLINE_MATH.exec(src);
      if (!match || match[1] === undefined) return undefined;
      return { type: 'inlineMath', raw: match[0], latex: match[1].trim() };
    },
  },
});

/** Display math whose LaTeX is written escaped. */
export const EscapedBlockMath = BlockMath.extend({
  renderMarkdown: (node: JSONContent) => ['$$', latexForMarkdown(String(node.attrs?.latex ?? ''), true), '$$'].join('\n'),
});

/**
 * Stands in for `$` in text until serialisation is done. A private-use code point: text never
 * contains it after `stripDollarSentinel`, so the swap back is exact.
 */
const DOLLAR_SENTINEL = '\uE024';

/** Code is written verbatim by the serialiser, so only prose gets the sentinel. */
function isCode(node: JSONContent, parent: JSONContent | null): boolean {
  return parent?.type === 'codeBlock' || (node.marks ?? []).some((m) => m.type === 'code');
}

/** A copy of `node` with every prose `$` replaced by the sentinel. */
export function protectDollars(node: JSONContent, parent: JSONContent | null = null): JSONContent {
  if (node.type === 'text' && typeof node.text === 'string') {
    const text = node.text.replaceAll(DOLLAR_SENTINEL, '');
    return { ...node, text: isCode(node, parent) ? text : text.replaceAll('$', DOLLAR_SENTINEL) };
  }
  return node.content ? { ...node, content: node.content.map((child) => protectDollars(child, node)) } : node;
}

/** Turns sentinels in serialised Markdown into escaped dollars. */
export function restoreDollars(markdown: string): string {
  return markdown.replaceAll(DOLLAR_SENTINEL, '\\$');
}
