/**
 * Headings that can carry a word limit for the section they open (grant calls cap each section).
 * The limit lives in the schema so it survives collaboration, versions and every export:
 * HTML `data-word-limit="250"`, Markdown a trailing `<!-- word-limit: 250 -->` comment, which
 * Markdown viewers hide and our importer reads back.
 */
import { Heading } from '@tiptap/extension-heading';
import type { JSONContent, MarkdownToken } from '@tiptap/core';

/** Largest word limit we accept; anything bigger is a typo, not a grant rule. */
export const MAX_WORD_LIMIT = 100_000;

/** Trailing Markdown comment that carries a heading's word limit. */
const LIMIT_COMMENT = /^<!--\s*word-limit:\s*(\d+)\s*-->$/;

/** A positive integer word limit, or null for anything else (absent, zero, junk). */
export function normaliseWordLimit(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0 || n > MAX_WORD_LIMIT) return null;
  return n;
}

/** Markdown suffix for a heading with this limit ('' without one). */
export function wordLimitComment(limit: unknown): string {
  const n = normaliseWordLimit(limit);
  return n === null ? '' : ` <!-- word-limit: ${n} -->`;
}

/** Splits a trailing word-limit comment off a heading's inline tokens. */
function takeWordLimit(tokens: MarkdownToken[]): { tokens: MarkdownToken[]; wordLimit: number | null } {
  const last = tokens.at(-1);
  const match = last?.type === 'html' ? LIMIT_COMMENT.exec((last.raw ?? '').trim()) : null;
  if (!match) return { tokens, wordLimit: null };
  const rest = tokens.slice(0, -1);
  const before = rest.at(-1);
  // The space between the title and the comment belongs to neither.
  if (before?.type === 'text' && typeof before.text === 'string') {
    const text = before.text.replace(/\s+$/, '');
    rest[rest.length - 1] = { ...before, text, raw: text };
    if (text === '') rest.pop();
  }
  return { tokens: rest, wordLimit: normaliseWordLimit(match[1]) };
}

/** StarterKit's heading plus the `wordLimit` attribute (integer or null). */
export const WordLimitHeading = Heading.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      wordLimit: {
        default: null,
        parseHTML: (element: HTMLElement) => normaliseWordLimit(element.getAttribute('data-word-limit')),
        renderHTML: (attributes: Record<string, unknown>) => {
          const n = normaliseWordLimit(attributes.wordLimit);
          return n === null ? {} : { 'data-word-limit': String(n) };
        },
      },
    };
  },

  parseMarkdown: (token, helpers) => {
    const { tokens, wordLimit } = takeWordLimit(token.tokens ?? []);
    return helpers.createNode('heading', { level: token.depth || 1, wordLimit }, helpers.parseInline(tokens));
  },

  renderMarkdown: (node: JSONContent, h) => {
    if (!node.content) return '';
    const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 1));
    return `${'#'.repeat(level)} ${h.renderChildren(node.content)}${wordLimitComment(node.attrs?.wordLimit)}`;
  },
});
