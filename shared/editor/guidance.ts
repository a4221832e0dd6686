/**
 * Template guidance ("State the question this protocol answers…") as an attribute of an empty
 * paragraph, not as text: the editor shows it as a placeholder while the paragraph is empty, so it
 * never has to be deleted, lends no formatting to what is typed, and no export, search or word count
 * sees it. In Yjs it is an XML attribute of the paragraph, never text. It is not rendered to HTML
 * (and so not copied out with the clipboard), and a paragraph split off a guided one starts without it.
 */
import { Extension } from '@tiptap/core';

/** Longest guidance we show; anything longer is not a template's hint. */
export const MAX_GUIDANCE = 400;

/** The guidance of a node's attributes, or null (absent, not text, blank or too long). */
export function guidanceOf(attrs: Record<string, unknown> | undefined): string | null {
  const value = attrs?.guidance;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' || trimmed.length > MAX_GUIDANCE ? null : trimmed;
}

/** Adds `guidance` (string or null) to paragraphs. */
export const Guidance = Extension.create({
  name: 'guidance',
  addGlobalAttributes() {
    return [
      {
        types: ['paragraph'],
        attributes: {
          guidance: {
            default: null,
            // What you write after pressing Enter is yours, not the template's next hint.
            keepOnSplit: false,
            rendered: false,
            parseHTML: () => null,
          },
        },
      },
    ];
  },
});
