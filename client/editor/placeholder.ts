/** What an empty paragraph shows: its template guidance, or "Start writing…" in an empty document. */
import type { Node } from '@tiptap/pm/model';
import { guidanceOf } from '../../shared/editor/guidance.js';

/** The placeholder text for an empty textblock ('' shows nothing). */
export function placeholderFor(props: { node: Node; editor: { isEmpty: boolean } }): string {
  return guidanceOf(props.node.attrs) ?? (props.editor.isEmpty ? 'Start writing…' : '');
}
