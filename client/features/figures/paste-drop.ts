/**
 * Paste and drag-and-drop of images into the text: the files are uploaded and become figures. Only
 * files are taken: a pasted remote image (an <img> in HTML) is never fetched, and the schema drops
 * its source anyway. A figure pasted from another Confer document has its file copied (copy-pasted.ts).
 */
import type { Editor } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { copyPastedFigures } from './copy-pasted';
import { imageFiles, insertImages, reportUploadErrors } from './insert';
import { keepFigureIdsUnique } from './unique-ids';

const key = new PluginKey('figureFiles');

/** Registers the paste and drop handlers on a ready editor; removed with the editor. */
export function acceptImageFiles(editor: Editor, docId: string): void {
  const plugin = new Plugin({
    key,
    props: {
      handlePaste(_view, event) {
        const files = imageFiles(event.clipboardData?.files);
        if (files.length === 0 || !editor.isEditable) return false;
        event.preventDefault();
        void insertImages(editor, docId, files).then(reportUploadErrors);
        return true;
      },
      handleDrop(view, event) {
        const files = imageFiles(event.dataTransfer?.files);
        if (files.length === 0 || !editor.isEditable) return false;
        event.preventDefault();
        const pos = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos;
        void insertImages(editor, docId, files, pos).then(reportUploadErrors);
        return true;
      },
    },
  });
  // First in line: a pasted file must become a figure before any other paste handler sees it.
  editor.registerPlugin(plugin, (added, plugins) => [added, ...plugins]);
  keepFigureIdsUnique(editor);
  copyPastedFigures(editor, docId);
  editor.on('destroy', () => {
    if (!editor.isDestroyed) editor.unregisterPlugin(key);
  });
}
