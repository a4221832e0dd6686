/**
 * State that belongs to one live editor, shared by whoever asks for it on that editor (a toolbar
 * control and a side panel) without module-level state: it is kept in the spec of a plugin
 * registered on the editor, so it lives exactly as long as the editor does.
 */
import type { Editor } from '@tiptap/core';
import { Plugin, type PluginKey } from '@tiptap/pm/state';
import type { EditorProps } from '@tiptap/pm/view';

/** What `create` returns: the shared value, and editor props (e.g. a click handler) that go with it. */
export interface PerEditor<T> {
  value: T;
  props?: EditorProps;
}

/**
 * The value stored under `key` on `editor`, made by `create` on first use. `create` registers its own
 * clean-up with `editor.on('destroy', …)`.
 */
export function perEditor<T>(editor: Editor, key: PluginKey, create: () => PerEditor<T>): T {
  const existing = key.get(editor.state)?.spec.perEditor as PerEditor<T> | undefined;
  if (existing) return existing.value;
  const made = create();
  editor.registerPlugin(new Plugin({ key, perEditor: made, props: made.props ?? {} }));
  return made.value;
}
