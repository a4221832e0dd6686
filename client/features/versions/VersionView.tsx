/**
 * A version rendered read-only with the document schema (a non-editable editor, destroyed with the
 * view). Its suggestion marks render as in the live text: insertions underlined, deletions struck,
 * in the suggester's colour with "Suggested … by <name>" on hover (the editor's own decorations).
 */
import { Editor, type JSONContent } from '@tiptap/core';
import { onCleanup, onMount } from 'solid-js';
import type { PersonView } from '../../../shared/api/people.js';
import { editorSchemaExtensions } from '../../../shared/editor/extensions.js';
import { Suggesting } from '../../editor/suggesting';

export function VersionView(props: { content: unknown; suggesters: readonly PersonView[] }) {
  let element: HTMLDivElement | undefined;
  onMount(() => {
    if (!element) return;
    const names = new Map(props.suggesters.map((p) => [p.id, p.name]));
    const editor = new Editor({
      element,
      extensions: [...editorSchemaExtensions(), Suggesting.configure({ nameOf: (id) => names.get(id) ?? 'a reviewer' })],
      content: props.content as JSONContent,
      editable: false,
      editorProps: { attributes: { class: 'version-body', 'aria-label': 'Version text (read-only)' } },
    });
    onCleanup(() => editor.destroy());
  });
  return <div class="version-view" ref={element} />;
}
