/**
 * The client's editor extensions: the shared schema (with clickable formulas), placeholders (the
 * empty document's, and template guidance), word count, and the shortcuts that open the toolbar's
 * link and formula editors. Collaboration and carets are added by createCollabEditor.
 */
import { Extension, type AnyExtension } from '@tiptap/core';
import { Mathematics } from '@tiptap/extension-mathematics';
import { CharacterCount, Placeholder } from '@tiptap/extensions';
import { editorSchemaExtensions } from '../../shared/editor/extensions.js';
import { Figure } from '../../shared/editor/figure.js';
import { MENTION_NODE } from '../../shared/editor/mention.js';
import { mentionWithPicker, type MentionSource } from './mention-suggestion';
import { placeholderFor } from './placeholder';

/** What the toolbar opens from the keyboard or from a click on a formula. */
export interface EditorHooks {
  openLink(): void;
  /** Edit a formula: an existing one at `pos`, or a new one at the selection when `pos` is undefined. */
  editMath(kind: 'inline' | 'block', latex: string, pos?: number): void;
  /** Who "@" offers in the text (the document's people) and who you are (never offered). */
  mentions?: MentionSource;
  /** Where figures' images are fetched from (default: their stored address); see shared/editor/figure.ts. */
  imageUrl?: (src: string) => string;
}

/** The schema plus client behaviour. */
export function editorExtensions(hooks: EditorHooks): AnyExtension[] {
  const shortcuts = Extension.create({
    name: 'conferShortcuts',
    addKeyboardShortcuts() {
      return {
        'Mod-k': () => {
          hooks.openLink();
          return true;
        },
        'Mod-Shift-e': () => {
          hooks.editMath('inline', '');
          return true;
        },
      };
    },
  });
  return [
    ...editorSchemaExtensions().map((extension) =>
      // Same node types as the shared schema; only the click behaviour is the client's.
      extension.name === Mathematics.name
        ? Mathematics.configure({
            inlineOptions: { onClick: (node, pos) => hooks.editMath('inline', String(node.attrs.latex ?? ''), pos) },
            blockOptions: { onClick: (node, pos) => hooks.editMath('block', String(node.attrs.latex ?? ''), pos) },
          })
        : extension.name === MENTION_NODE && hooks.mentions
          ? mentionWithPicker(hooks.mentions)
          : extension.name === Figure.name && hooks.imageUrl
            ? Figure.configure({ imageUrl: hooks.imageUrl })
            : extension,
    ),
    Placeholder.configure({
      placeholder: placeholderFor,
      // Every empty guided paragraph shows its guidance, wherever the caret is, inside lists and tables too.
      showOnlyCurrent: false,
      includeChildren: true,
    }),
    CharacterCount,
    shortcuts,
  ];
}
