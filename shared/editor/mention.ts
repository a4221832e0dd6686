/**
 * The mention node of the document body: `@tiptap/extension-mention` with one more attribute. `id` is
 * the mentioned user's id (TipTap's own attribute), `label` their name when the mention was made, and
 * `mentionId` the mention's own id, so that the server can tell a new mention from one that was
 * already there (notifications come from mention ids that appear between two committed states).
 * The client adds the suggestion picker with `.configure({ suggestion })`; the server only needs the
 * node to render, export and read documents.
 */
import { Mention } from '@tiptap/extension-mention';

/** Name of the mention node in the schema and in the Yjs document (a Y.XmlElement of this name). */
export const MENTION_NODE = 'mention';

export const DocumentMention = Mention.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      mentionId: {
        default: null,
        parseHTML: (element: HTMLElement) => element.getAttribute('data-mention-id'),
        renderHTML: (attributes: Record<string, unknown>) =>
          typeof attributes['mentionId'] === 'string' ? { 'data-mention-id': attributes['mentionId'] } : {},
      },
    };
  },
}).configure({
  HTMLAttributes: { class: 'mention' },
  renderText: ({ node }) => `@${String(node.attrs['label'] ?? node.attrs['id'] ?? '')}`,
});
