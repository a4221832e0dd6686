/**
 * Images to figures: each one is uploaded first (the figure may only point at a stored file of this
 * document) and then inserted with an empty caption where it was pasted, dropped or picked. The number
 * ("Figure 2") is the figure's place among the document's figures, so it needs no work here.
 */
import type { Editor } from '@tiptap/core';
import { errorMessage } from '../../lib/api';
import { filesApi } from './api';

/** The image files among pasted, dropped or picked ones. */
export function imageFiles(list: FileList | null | undefined): File[] {
  return Array.from(list ?? []).filter((file) => file.type.startsWith('image/') || file.type === '');
}

/** A figure's id: random, so two people adding figures at once never pick the same. */
export function newFigureId(): string {
  return `fig-${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

/**
 * Uploads each image and inserts its figure at `pos` (or at the selection), in order. Resolves with
 * the messages of the uploads that failed, so the caller can say why.
 */
export async function insertImages(editor: Editor, docId: string, files: readonly File[], pos?: number): Promise<string[]> {
  const errors: string[] = [];
  let at = pos;
  for (const file of files) {
    try {
      const stored = await filesApi.upload(docId, file, file.name || 'image');
      if (editor.isDestroyed) return errors;
      const figure = { type: 'figure', attrs: { id: newFigureId(), src: stored.url, alt: '' } };
      const target = at === undefined ? editor.state.selection.to : Math.min(at, editor.state.doc.content.size);
      editor.chain().insertContentAt(target, figure).run();
      // The next image goes after this one (the insertion moved the selection past it).
      at = editor.state.selection.to;
    } catch (error) {
      errors.push(`${file.name || 'The image'}: ${errorMessage(error)}`);
    }
  }
  return errors;
}

/** Tells the user what went wrong with an upload they did not start from a dialog (paste, drop). */
export function reportUploadErrors(errors: readonly string[]): void {
  if (errors.length > 0) window.alert(`Some images could not be added:\n${errors.join('\n')}`);
}
