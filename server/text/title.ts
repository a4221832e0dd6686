/** A title for an imported document, taken from its content. */
import type { JSONContent } from '@tiptap/core';
import { toDocumentNode } from './schema.js';

/** Longest title we derive; longer first lines are cut at a word boundary. */
const MAX_TITLE = 120;

/** The first heading's text, else the first non-empty block's, else null. */
export function titleFromJson(json: JSONContent): string | null {
  const node = toDocumentNode(json);
  const found: { heading?: string; first?: string } = {};
  node.descendants((child) => {
    if (found.heading !== undefined) return false;
    if (!child.isTextblock) return true;
    const value = child.textContent.replace(/\s+/g, ' ').trim();
    if (value && child.type.name === 'heading') found.heading = value;
    else if (value) found.first ??= value;
    return false;
  });
  const title = found.heading ?? found.first ?? null;
  if (title === null) return null;
  if (title.length <= MAX_TITLE) return title;
  const cut = title.slice(0, MAX_TITLE);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : MAX_TITLE)}…`;
}
