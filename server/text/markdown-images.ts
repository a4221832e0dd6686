/**
 * Figures from Markdown: an image on a line of its own whose target is a data: URL becomes a figure
 * (its bytes kept by ImportImages), with the caption line our export writes under it ("*Figure 2: …*")
 * as its caption. The image lines are swapped for marker paragraphs before parsing and the markers for
 * figures after, so the Markdown parser never sees the (large) data. Other images (remote ones among
 * them) stay their alt text, as before: nothing is fetched.
 */
import type { JSONContent } from '@tiptap/core';
import { randomUUID } from 'node:crypto';
import type { ImportImages } from './import-images.js';

const IMAGE_LINE =
  /^[ \t]*!\[([^\]\n]*)\]\(<?data:image\/[a-z0-9.+-]+;base64,([A-Za-z0-9+/=]+)>?\)[ \t]*(?:\n[ \t]*\n[ \t]*\*Figure [0-9?]+(?:: ([^\n]*?))?\*[ \t]*)?$/gm;

interface Pending {
  src: string;
  alt: string;
  caption: string;
}

/** Markdown text of a caption or alt, without escapes. */
function unescape(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!|~<>$])/g, '$1').trim();
}

/** Replaces data-URL image lines with markers; `restore` turns the parsed markers into figures. */
export function extractFigures(markdown: string, images: ImportImages): { markdown: string; restore: (json: JSONContent) => JSONContent } {
  const marker = `CONFERFIGURE${randomUUID().replace(/-/g, '')}N`;
  const pending: Pending[] = [];
  const replaced = markdown.replace(IMAGE_LINE, (whole, alt: string, data: string, caption: string | undefined) => {
    const src = images.add(new Uint8Array(Buffer.from(data, 'base64')));
    if (!src) return whole;
    pending.push({ src, alt: unescape(alt), caption: unescape(caption ?? '') });
    return `${marker}${pending.length - 1}`;
  });
  const restore = (json: JSONContent): JSONContent => {
    const walk = (node: JSONContent): JSONContent => {
      const only = node.type === 'paragraph' && node.content?.length === 1 ? node.content[0] : undefined;
      const index = only?.type === 'text' && only.text?.startsWith(marker) ? Number(only.text.slice(marker.length)) : NaN;
      const figure = Number.isInteger(index) ? pending[index] : undefined;
      if (figure) {
        return {
          type: 'figure',
          attrs: { id: images.figureId(), src: figure.src, alt: figure.alt },
          content: figure.caption ? [{ type: 'text', text: figure.caption }] : [],
        };
      }
      return node.content ? { ...node, content: node.content.map(walk) } : node;
    };
    return pending.length > 0 ? walk(json) : json;
  };
  return { markdown: replaced, restore };
}
