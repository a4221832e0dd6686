/** When document features may start on a document page: an editor, a signed-in user, and the document's metadata. */
import type { Editor } from '@tiptap/core';
import { createEffect, untrack } from 'solid-js';
import type { DocumentAttachment, DocumentContext } from './document-plugins';

/**
 * The editor once the page knows who is signed in and which document this is. Without a session
 * (the development open policy) every feature's API call would only answer 401, so nothing starts.
 */
export function readyEditor(context: DocumentContext): Editor | undefined {
  return context.me() && context.document() ? context.editor() : undefined;
}

/** Runs every attachment once per editor, as soon as that editor is ready. Call it inside a component. */
export function attachWhenReady(context: DocumentContext, attachments: readonly DocumentAttachment[]): void {
  const attached = new WeakSet<Editor>();
  createEffect(() => {
    const editor = readyEditor(context);
    if (!editor || attached.has(editor)) return;
    attached.add(editor);
    // Attachments read signals of their own; they must not re-run this effect.
    untrack(() => {
      for (const attachment of attachments) attachment.attach(editor, context);
    });
  });
}
