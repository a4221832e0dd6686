/**
 * A cross-reference to a figure ("see Figure 2"): an inline atom that holds only the figure's id. Its
 * number is never stored: the editor shows it from the figures' current order (a decoration, so it
 * changes as soon as a figure moves, for everyone), and exports write it from `figureNumbers`.
 */
import { Node } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { figureNumbers } from './figure.js';

/** The figure ids of a document, in document order. */
export function figureIdsOf(doc: PmNode): string[] {
  const ids: string[] = [];
  doc.descendants((node) => {
    if (node.type.name === 'figure' && typeof node.attrs.id === 'string') ids.push(node.attrs.id);
    return node.type.name !== 'figure';
  });
  return ids;
}

/** What a reference reads as: "Figure 2", or "Figure ?" when its figure was deleted. */
export function figureRefLabel(numbers: ReadonlyMap<string, number>, target: unknown): string {
  const n = typeof target === 'string' ? numbers.get(target) : undefined;
  return `Figure ${n ?? '?'}`;
}

function numberDecorations(doc: PmNode): DecorationSet {
  const numbers = figureNumbers(figureIdsOf(doc));
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === 'figureRef') decorations.push(Decoration.node(pos, pos + node.nodeSize, { 'data-label': figureRefLabel(numbers, node.attrs.target) }));
  });
  return DecorationSet.create(doc, decorations);
}

export const FigureRef = Node.create({
  name: 'figureRef',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      target: { default: null, parseHTML: (el) => el.getAttribute('data-figure-id'), renderHTML: (attrs) => ({ 'data-figure-id': attrs.target as string | null }) },
    };
  },
  parseHTML() {
    return [{ tag: 'a[data-type="figure-ref"]' }];
  },
  renderHTML({ HTMLAttributes }) {
    const target = typeof HTMLAttributes['data-figure-id'] === 'string' ? HTMLAttributes['data-figure-id'] : '';
    // The text is a stand-in: the editor's decoration and the exports put the number in its place.
    return ['a', { 'data-type': 'figure-ref', ...HTMLAttributes, href: `#figure-${target}` }, 'Figure'];
  },
  // Copied as text, a reference says what it is; its number depends on the whole document.
  renderText: () => 'Figure',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('figureRefNumbers'),
        state: {
          init: (_, state) => numberDecorations(state.doc),
          apply: (tr, old) => (tr.docChanged ? numberDecorations(tr.doc) : old),
        },
        props: {
          decorations(state) {
            return this.getState(state);
          },
        },
      }),
    ];
  },
});
