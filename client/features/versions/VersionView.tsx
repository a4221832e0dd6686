/** A version rendered read-only with the document schema (a non-editable editor, destroyed with the view). */
import { Editor, type JSONContent } from '@tiptap/core';
import { onCleanup, onMount } from 'solid-js';
import { schemaExtensions } from '../../../shared/editor/extensions.js';

export function VersionView(props: { content: unknown }) {
  let element: HTMLDivElement | undefined;
  onMount(() => {
    if (!element) return;
    const editor = new Editor({
      element,
      extensions: schemaExtensions(),
      content: props.content as JSONContent,
      editable: false,
      editorProps: { attributes: { class: 'version-body', 'aria-label': 'Version text (read-only)' } },
    });
    onCleanup(() => editor.destroy());
  });
  return <div class="version-view" ref={element} />;
}
