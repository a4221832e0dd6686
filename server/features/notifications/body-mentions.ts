/**
 * The mention nodes of a document body, read straight from the Yjs state: a mention is a
 * Y.XmlElement named `mention` whose attributes carry the mentioned user's `id` and the mention's own
 * `mentionId` (shared/editor/mention.ts). Walking the fragment needs only yjs, so detection never puts
 * the TipTap schema into the server's start-up import graph.
 */
import * as Y from 'yjs';

/** shared/editor/extensions.ts DOCUMENT_FRAGMENT and shared/editor/mention.ts MENTION_NODE (not imported: they load TipTap); body-mentions.test.ts checks they agree. */
export const BODY_FRAGMENT = 'default';
export const MENTION_ELEMENT = 'mention';

export interface BodyMention {
  mentionId: string;
  userId: string;
  /** The text of the block around the mention, for the notification's excerpt. */
  excerpt: string;
}

const EXCERPT_LENGTH = 200;

function textOf(node: Y.XmlElement | Y.XmlText | Y.XmlFragment | Y.XmlHook): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as Array<{ insert?: unknown }>).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join('');
  }
  if (node instanceof Y.XmlElement && node.nodeName === MENTION_ELEMENT) {
    const label = node.getAttribute('label');
    return `@${typeof label === 'string' ? label : ''}`;
  }
  // Y.XmlElement extends Y.XmlFragment: an element's children run on, a fragment's blocks are lines.
  if (node instanceof Y.XmlElement) return node.toArray().map((child) => textOf(child)).join('');
  if (node instanceof Y.XmlFragment) return node.toArray().map((child) => textOf(child)).join('\n');
  return '';
}

function excerptOf(block: Y.XmlElement | Y.XmlFragment): string {
  const text = textOf(block).replace(/\s+/g, ' ').trim();
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
}

/** Every well-formed mention of the body (document order); malformed ones (no ids) are skipped. */
export function bodyMentions(state: Uint8Array): BodyMention[] {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const out: BodyMention[] = [];
    const walk = (parent: Y.XmlElement | Y.XmlFragment) => {
      for (const child of parent.toArray()) {
        if (!(child instanceof Y.XmlElement)) continue;
        if (child.nodeName === MENTION_ELEMENT) {
          const mentionId = child.getAttribute('mentionId');
          const userId = child.getAttribute('id');
          if (typeof mentionId === 'string' && mentionId !== '' && typeof userId === 'string' && userId !== '') {
            out.push({ mentionId, userId, excerpt: excerptOf(parent) });
          }
        } else {
          walk(child);
        }
      }
    };
    walk(doc.getXmlFragment(BODY_FRAGMENT));
    return out;
  } finally {
    doc.destroy();
  }
}
