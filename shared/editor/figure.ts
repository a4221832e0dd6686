/**
 * A figure: one image and its caption. The caption is the node's inline content, so it is edited like
 * text and merges like text in Yjs. The image is addressed by a content hash served by the files
 * feature (`/api/documents/:doc/files/:hash`), never by a remote URL: the schema refuses any other
 * source so that no renderer, export or reader's browser ever fetches a third party's image.
 * Numbering ("Figure 2") is not stored: it is the figure's position among the document's figures,
 * so it updates by itself when figures move (CSS counters in the editor, `figureNumbers` in exports).
 */
import { Node, mergeAttributes } from '@tiptap/core';
import { isFigureSrc } from './figure-src.js';

export { FIGURE_SRC, figureNumbers, figureSrcParts, isFigureSrc } from './figure-src.js';

export interface FigureOptions {
  /**
   * Where the browser fetches a figure's stored source from. The stored `src` never changes; a page
   * that reads a document through a read-only link adds the link's token (`?link=`), since its
   * reader may have no session (server/features/files/link-routes.ts).
   */
  imageUrl: (src: string) => string;
}

export const Figure = Node.create<FigureOptions>({
  name: 'figure',
  group: 'block',
  content: 'inline*',
  draggable: true,
  isolating: true,
  addOptions() {
    return { imageUrl: (src: string) => src };
  },
  addAttributes() {
    return {
      id: { default: null, parseHTML: (el) => el.getAttribute('data-figure-id') },
      src: {
        default: null,
        // A source that is not a stored file is dropped, so a pasted remote image never loads.
        parseHTML: (el) => {
          const src = el.querySelector('img')?.getAttribute('src');
          return isFigureSrc(src) ? src : null;
        },
        renderHTML: () => ({}),
      },
      alt: { default: '', parseHTML: (el) => el.querySelector('img')?.getAttribute('alt') ?? '', renderHTML: () => ({}) },
    };
  },
  parseHTML() {
    return [{ tag: 'figure', contentElement: 'figcaption' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const src = isFigureSrc(node.attrs.src) ? node.attrs.src : '';
    return [
      'figure',
      mergeAttributes(HTMLAttributes, {
        'data-figure-id': node.attrs.id as string | null,
        // The anchor a cross-reference links to (in exports and in the editor).
        id: typeof node.attrs.id === 'string' ? `figure-${node.attrs.id}` : null,
      }),
      ['img', { src: src && this.options.imageUrl(src), alt: String(node.attrs.alt ?? ''), loading: 'lazy', decoding: 'async' }],
      ['figcaption', 0],
    ];
  },
});
