/**
 * Compares two versions of a document block by block (paragraphs, headings, list items, cells...),
 * then word by word inside blocks that changed. Plain text is enough to show what was inserted and
 * deleted; formatting-only changes are not reported.
 */
import type { JSONContent } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { diffArrays, diffWordsWithSpace } from 'diff';
import type { DiffBlock, DiffSegment } from '../../../shared/api/versions.js';
import { toDocumentNode } from '../../text/schema.js';

interface Block {
  type: string;
  text: string;
}

function leafText(leaf: Node): string {
  if (leaf.type.name === 'hardBreak') return '\n';
  // A cross-reference's number depends on the whole document; a compare shows that one is there.
  if (leaf.type.name === 'figureRef') return 'Figure';
  if (leaf.type.name === 'inlineMath' || leaf.type.name === 'blockMath') return String(leaf.attrs.latex ?? '');
  return '';
}

/** The leaf blocks of a document in order: every textblock, and block atoms such as math. */
export function blocksOf(json: JSONContent): Block[] {
  const node = toDocumentNode(json);
  const out: Block[] = [];
  node.descendants((child) => {
    if (child.isTextblock) {
      const type = child.type.name === 'heading' ? `heading${String(child.attrs.level ?? 1)}` : child.type.name;
      out.push({ type, text: child.textBetween(0, child.content.size, '\n', leafText) });
      return false;
    }
    if (child.isBlock && child.isAtom) {
      out.push({ type: child.type.name, text: leafText(child) });
      return false;
    }
    return true;
  });
  return out;
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Blocks that share no word are shown as a deletion plus an insertion, not as a confusing edit. */
function related(a: string, b: string): boolean {
  const left = new Set(a.toLowerCase().split(/\W+/).filter(Boolean));
  return b.toLowerCase().split(/\W+/).some((w) => w && left.has(w));
}

export interface Comparison {
  blocks: DiffBlock[];
  /** Words inserted and deleted. */
  insertions: number;
  deletions: number;
}

/** What changed from `before` to `after`. */
export function compareDocuments(before: JSONContent, after: JSONContent): Comparison {
  const a = blocksOf(before);
  const b = blocksOf(after);
  const key = (block: Block) => `${block.type}\u0000${block.text}`;
  const changes = diffArrays(a.map(key), b.map(key));
  const blocks: DiffBlock[] = [];
  let insertions = 0;
  let deletions = 0;
  let ai = 0;
  let bi = 0;
  let pendingDeleted: Block[] = [];
  const flushDeleted = () => {
    for (const block of pendingDeleted) {
      deletions += words(block.text);
      blocks.push({ op: 'delete', type: block.type, segments: [{ op: 'delete', text: block.text }] });
    }
    pendingDeleted = [];
  };
  for (const change of changes) {
    if (change.removed) {
      pendingDeleted.push(...a.slice(ai, ai + change.count));
      ai += change.count;
      continue;
    }
    if (change.added) {
      for (const block of b.slice(bi, bi + change.count)) {
        const old = pendingDeleted[0];
        if (old && related(old.text, block.text)) {
          pendingDeleted.shift();
          const segments: DiffSegment[] = diffWordsWithSpace(old.text, block.text).map((part) => ({
            op: part.added ? 'insert' : part.removed ? 'delete' : 'equal',
            text: part.value,
          }));
          for (const s of segments) {
            if (s.op === 'insert') insertions += words(s.text);
            if (s.op === 'delete') deletions += words(s.text);
          }
          blocks.push({ op: 'change', type: block.type, segments });
        } else {
          flushDeleted();
          insertions += words(block.text);
          blocks.push({ op: 'insert', type: block.type, segments: [{ op: 'insert', text: block.text }] });
        }
      }
      bi += change.count;
      continue;
    }
    flushDeleted();
    for (const block of b.slice(bi, bi + change.count)) blocks.push({ op: 'equal', type: block.type, segments: [{ op: 'equal', text: block.text }] });
    ai += change.count;
    bi += change.count;
  }
  flushDeleted();
  return { blocks, insertions, deletions };
}
