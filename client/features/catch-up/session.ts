/**
 * "Since your last visit" on one open editor: read once when the editor is ready, then the document
 * counts as seen from now on, and again when the editor goes away. Shared by the toolbar chip and the
 * Changes panel (see per-editor.ts), so the answer is fetched, and the visit recorded, once.
 */
import type { Editor } from '@tiptap/core';
import { PluginKey } from '@tiptap/pm/state';
import { createSignal, type Accessor } from 'solid-js';
import type { CatchUpView } from '../../../shared/api/catch-up.js';
import { perEditor } from '../../editor/per-editor';
import { catchUpApi } from './api';

const catchUpKey = new PluginKey('confer-catch-up');

/** What changed since the last visit; undefined while loading, null when it could not be read. */
export function catchUpOf(editor: Editor, docId: string): Accessor<CatchUpView | null | undefined> {
  return perEditor(editor, catchUpKey, () => {
    const [catchUp, setCatchUp] = createSignal<CatchUpView | null | undefined>(undefined);
    // Catch-up first, then mark the document as seen from now on; seen again when leaving.
    catchUpApi
      .get(docId)
      .then(setCatchUp, () => setCatchUp(null))
      .finally(() => void catchUpApi.visit(docId).catch(() => undefined));
    editor.on('destroy', () => catchUpApi.leave(docId));
    return { value: catchUp };
  });
}
