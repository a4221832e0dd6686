/**
 * A figure pasted (or dropped as HTML) from another document still points at that document's file,
 * which readers of this document may not be allowed to see. Each such source is copied into this
 * document's files (POST /api/documents/:id/files/copy, which checks that the paster can read the
 * source) and the pasted figures are then pointed at the copy. Until the copy answers, the paster sees
 * the original image (they can read it); if it fails, the figure keeps its source and the paster is told.
 */
import type { Editor } from '@tiptap/core';
import type { Fragment } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { figureSrcParts } from '../../../shared/editor/figure.js';
import { errorMessage } from '../../lib/api';
import { filesApi } from './api';

const key = new PluginKey('figureCopyPasted');

/** Sources in `content` that belong to a document other than `docId`. */
function foreignSources(content: Fragment, docId: string): Map<string, { docId: string; fileId: string }> {
  const found = new Map<string, { docId: string; fileId: string }>();
  content.descendants((node) => {
    if (node.type.name !== 'figure') return true;
    const parts = figureSrcParts(node.attrs.src);
    if (parts && parts.docId !== docId) found.set(node.attrs.src as string, parts);
    return false;
  });
  return found;
}

/** Points every figure of the editor that shows `from` at `to`. */
function rewriteSource(editor: Editor, from: string, to: string): void {
  const tr = editor.state.tr;
  editor.state.doc.descendants((node, pos) => {
    if (node.type.name !== 'figure') return true;
    if (node.attrs.src === from) tr.setNodeMarkup(pos, undefined, { ...node.attrs, src: to });
    return false;
  });
  // Part of the paste, not a change of its own to undo.
  if (tr.docChanged) editor.view.dispatch(tr.setMeta('addToHistory', false));
}

/** Registers the copying of pasted figures' files on a ready editor of `docId`; removed with the editor. */
export function copyPastedFigures(editor: Editor, docId: string): void {
  // One request per source at a time, however often it is pasted meanwhile.
  const inFlight = new Set<string>();
  const bringOver = async (src: string, from: { docId: string; fileId: string }): Promise<void> => {
    inFlight.add(src);
    try {
      const copied = await filesApi.copy(docId, { fromDoc: from.docId, fileId: from.fileId });
      if (!editor.isDestroyed) rewriteSource(editor, src, copied.url);
    } catch (error) {
      if (!editor.isDestroyed) {
        window.alert(`An image pasted from another document could not be copied into this one: ${errorMessage(error)}\nReaders who cannot open that document will not see it.`);
      }
    } finally {
      inFlight.delete(src);
    }
  };
  const plugin = new Plugin({
    key,
    props: {
      // Called for pasted and dropped HTML alike, before the slice is inserted.
      transformPasted(slice) {
        if (!editor.isEditable) return slice;
        for (const [src, from] of foreignSources(slice.content, docId)) if (!inFlight.has(src)) void bringOver(src, from);
        return slice;
      },
    },
  });
  editor.registerPlugin(plugin);
  editor.on('destroy', () => {
    if (!editor.isDestroyed) editor.unregisterPlugin(key);
  });
}
