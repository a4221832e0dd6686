/**
 * Keeps figure ids unique in this editor's own changes: a figure copied and pasted in the same document
 * carries its id, and two figures with one id would share a number for references. The later copy
 * gets a new id; a figure moved by drag and drop keeps its id (the original is gone by then). Changes
 * that arrive from others (through y-sync) are left alone: their author's editor fixed them already,
 * and renaming them here as well would make the editors fight.
 */
import type { Editor } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { newFigureId } from './insert';

const key = new PluginKey('figureUniqueIds');

export function keepFigureIdsUnique(editor: Editor): void {
  const plugin = new Plugin({
    key,
    appendTransaction(transactions, _old, state) {
      if (!transactions.some((tr) => tr.docChanged && !tr.getMeta(ySyncPluginKey))) return null;
      const seen = new Set<string>();
      const tr = state.tr;
      state.doc.descendants((node, pos) => {
        if (node.type.name !== 'figure') return true;
        const id = node.attrs.id as unknown;
        if (typeof id === 'string' && !seen.has(id)) seen.add(id);
        else tr.setNodeMarkup(pos, undefined, { ...node.attrs, id: newFigureId() });
        return false;
      });
      return tr.docChanged ? tr : null;
    },
  });
  editor.registerPlugin(plugin);
  editor.on('destroy', () => {
    if (!editor.isDestroyed) editor.unregisterPlugin(key);
  });
}
