/**
 * Figures in a Markdown export: the image as `![alt](data:…)` (the file stands alone, and the importer
 * reads such images back as figures), then its caption as an emphasised line "Figure N: …"; a
 * cross-reference is written as its label. The numbers come from the whole document, so the writers
 * are made per export.
 */
import type { AnyExtension, JSONContent, MarkdownRendererHelpers } from '@tiptap/core';
import { Figure } from '../../shared/editor/figure.js';
import { FigureRef } from '../../shared/editor/figure-ref.js';
import { dataUrlOf, fileIdOfSrc, figureLabel, figureNumbersOf, type ExportImages } from './figures.js';
import { linkDestination } from './markdown-escape.js';

/** Text for inside `![…]`: brackets and backslashes escaped, on one line. */
function altText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\[\]]/g, '\\$&');
}

export function figureWriters(json: JSONContent, images: ExportImages): Record<string, AnyExtension> {
  const numbers = figureNumbersOf(json);
  return {
    figure: Figure.extend({
      renderMarkdown: (node: JSONContent, h: MarkdownRendererHelpers) => {
        const id = fileIdOfSrc(node.attrs?.src);
        const image = id ? images[id] : undefined;
        const caption = node.content ? h.renderChildren(node.content) : '';
        const label = figureLabel(numbers, node.attrs?.id);
        const picture = image ? `![${altText(String(node.attrs?.alt || label))}](${linkDestination(dataUrlOf(image))})\n\n` : '';
        return `${picture}*${label}${caption ? `: ${caption}` : ''}*`;
      },
    }),
    figureRef: FigureRef.extend({
      renderMarkdown: (node: JSONContent) => figureLabel(numbers, node.attrs?.target),
    }),
  };
}
