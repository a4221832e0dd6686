/**
 * Small builders for template content. They write every attribute the schema defines (with its
 * default; a paragraph's null guidance is left out, as server/text/canonical-json.ts does), so a
 * template is already in the canonical form the server reads back after seeding.
 */
import type { JSONContent } from '@tiptap/core';

type Inline = JSONContent;

/** Plain text. */
export const text = (value: string): Inline => ({ type: 'text', text: value });

/**
 * An empty paragraph whose guidance the editor shows as a placeholder (shared/editor/guidance.ts):
 * it vanishes as soon as the author writes there, and is never part of the text.
 */
export const guide = (guidance: string): JSONContent => ({ type: 'paragraph', attrs: { guidance } });

/** Bold text. */
export const strong = (value: string): Inline => ({ type: 'text', text: value, marks: [{ type: 'bold' }] });

/** A paragraph of inline content (strings become plain text). */
export const p = (...content: (Inline | string)[]): JSONContent =>
  content.length === 0
    ? { type: 'paragraph' }
    : { type: 'paragraph', content: content.map((c) => (typeof c === 'string' ? text(c) : c)) };

/** A paragraph made from a string, an inline node, or a guided empty paragraph as it is. */
const block = (content: Inline | string): JSONContent =>
  typeof content !== 'string' && content.type === 'paragraph' ? content : p(content);

/** A heading; `wordLimit` is the section's limit in words (null: none). */
export const heading = (level: 1 | 2 | 3, title: string, wordLimit: number | null = null): JSONContent => ({
  type: 'heading',
  attrs: { level, wordLimit },
  content: [text(title)],
});

const item = (content: Inline | string): JSONContent => ({ type: 'listItem', content: [block(content)] });

/** A numbered list, one paragraph per item. */
export const numbered = (...items: (Inline | string)[]): JSONContent => ({
  type: 'orderedList',
  attrs: { start: 1, type: null },
  content: items.map(item),
});

/** A bullet list, one paragraph per item. */
export const bullets = (...items: (Inline | string)[]): JSONContent => ({ type: 'bulletList', content: items.map(item) });

/** A task list of unchecked items. */
export const tasks = (...items: (Inline | string)[]): JSONContent => ({
  type: 'taskList',
  content: items.map((c) => ({ type: 'taskItem', attrs: { checked: false }, content: [block(c)] })),
});

/** A cell's content: text, or a guided empty paragraph (`guide(...)`). */
type CellContent = string | JSONContent;

const cell = (type: 'tableHeader' | 'tableCell', value: CellContent): JSONContent => ({
  type,
  attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null },
  content: [value === '' ? p() : block(value)],
});

/** A table whose first row is a header row. */
export const table = (header: string[], ...rows: CellContent[][]): JSONContent => ({
  type: 'table',
  content: [
    { type: 'tableRow', content: header.map((h) => cell('tableHeader', h)) },
    ...rows.map((row) => ({ type: 'tableRow', content: row.map((v) => cell('tableCell', v)) })),
  ],
});

/** A document of blocks. */
export const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });
