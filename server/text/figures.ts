/**
 * Figures in exports: "Figure N" written into captions and cross-references (the numbers are never
 * stored, see shared/editor/figure.ts), and each figure's stored image carried inside the file, since
 * an exported file stands alone (and the PDF renderer makes no network request at all).
 */
import type { JSONContent } from '@tiptap/core';
import { figureNumbers, FIGURE_SRC } from '../../shared/editor/figure-src.js';

/** A stored image, as the export needs it. */
export interface ExportImage {
  contentType: string;
  bytes: Uint8Array;
}

/** Images by file id (the SHA-256 at the end of a figure's source). */
export type ExportImages = Readonly<Record<string, ExportImage>>;

/** The file id a figure source names, or null. */
export function fileIdOfSrc(src: unknown): string | null {
  return typeof src === 'string' && FIGURE_SRC.test(src) ? src.slice(-64) : null;
}

/**
 * The ids of the stored files of `docId` that an encoded document state mentions. Yjs writes
 * attribute strings as UTF-8, so the sources are found in the bytes without decoding the document.
 */
export function figureFilesIn(state: Uint8Array, docId: string): string[] {
  const text = Buffer.from(state.buffer, state.byteOffset, state.byteLength).toString('latin1');
  const prefix = `/api/documents/${docId}/files/`;
  const ids = new Set<string>();
  for (let at = text.indexOf(prefix); at !== -1; at = text.indexOf(prefix, at + 1)) {
    const id = text.slice(at + prefix.length, at + prefix.length + 64);
    if (/^[0-9a-f]{64}$/.test(id)) ids.add(id);
  }
  return [...ids];
}

/** Figure numbers of a document's JSON, in document order. */
export function figureNumbersOf(json: JSONContent): Map<string, number> {
  const ids: string[] = [];
  const walk = (node: JSONContent) => {
    if (node.type === 'figure') {
      if (typeof node.attrs?.id === 'string') ids.push(node.attrs.id);
      return;
    }
    node.content?.forEach(walk);
  };
  walk(json);
  return figureNumbers(ids);
}

/** "Figure 2", or "Figure ?" for a reference whose figure is gone. */
export function figureLabel(numbers: ReadonlyMap<string, number>, id: unknown): string {
  const n = typeof id === 'string' ? numbers.get(id) : undefined;
  return `Figure ${n ?? '?'}`;
}

/** A data: URL of an image. */
export function dataUrlOf(image: ExportImage): string {
  return `data:${image.contentType};base64,${Buffer.from(image.bytes.buffer, image.bytes.byteOffset, image.bytes.byteLength).toString('base64')}`;
}

/**
 * Writes the numbers into rendered HTML: "Figure N: " before each caption and the label into each
 * cross-reference, in the figures' order in the document.
 */
export function numberFiguresInHtml(root: HTMLElement): void {
  const figures = Array.from(root.querySelectorAll('figure[data-figure-id]'));
  const numbers = figureNumbers(figures.map((f) => f.getAttribute('data-figure-id') ?? ''));
  for (const figure of figures) {
    const caption = figure.querySelector('figcaption');
    if (!caption) continue;
    const label = root.ownerDocument.createElement('span');
    label.className = 'figure-label';
    label.textContent = `${figureLabel(numbers, figure.getAttribute('data-figure-id'))}${caption.textContent ? ': ' : ''}`;
    caption.prepend(label);
  }
  for (const ref of Array.from(root.querySelectorAll('a[data-type="figure-ref"]'))) {
    ref.textContent = figureLabel(numbers, ref.getAttribute('data-figure-id'));
  }
}

/**
 * Points each figure's <img> at its image's data (in sanitised HTML, whose only image sources are
 * stored files); an image that is not at hand loses its source rather than point outside the file.
 */
export function inlineImagesInHtml(html: string, images: ExportImages): string {
  return html.replace(/<img src="([^"]*)"/g, (_whole, src: string) => {
    const id = fileIdOfSrc(src);
    const image = id ? images[id] : undefined;
    return image ? `<img src="${dataUrlOf(image)}"` : '<img';
  });
}
