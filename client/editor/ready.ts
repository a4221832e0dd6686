/** When research features may start on a document page: an editor, a signed-in user, and the document's metadata. */
import type { Editor } from '@tiptap/core';
import type { DocumentContext } from './document-plugins';

/**
 * The editor once the page knows who is signed in and which document this is. Without a session
 * (the development open policy) every research call would only answer 401, so nothing starts.
 */
export function readyEditor(context: DocumentContext): Editor | undefined {
  return context.me() && context.document() ? context.editor() : undefined;
}
