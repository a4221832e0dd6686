/**
 * Compares two versions of a document block by block (paragraphs, headings, list items, cells...),
 * then word by word inside blocks that changed. Plain text is enough to show what was inserted and
 * deleted; formatting-only changes are not reported.
 *
 * Suggestions (suggestion mode) are not edits: the diff runs on the accepted text (suggested
 * insertions left out, suggested deletions kept), so only accepted changes are counted, and the later
 * state's suggestions are drawn over it as `suggest-insert` / `suggest-delete` segments. Accepting a
 * suggestion changes the accepted text, so it then shows as the real change.
 */
import type { JSONContent } from '@tiptap/core';
import { diffArrays, diffWordsWithSpace } from 'diff';
import type { DiffBlock, DiffSegment } from '../../../shared/api/versions.js';
import { blocksOf, type Block } from './blocks.js';
import { overlaySuggestions, type AcceptedPart } from './overlay.js';
import { newSuggestions, type SuggestionChange } from './suggestion-changes.js';

export { blocksOf } from './blocks.js';

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
  /** Accepted words inserted and deleted (text inside suggestion marks is not counted). */
  insertions: number;
  deletions: number;
  /** Suggestions in `after` that `before` did not have, in document order (authors as user ids). */
  suggestions: SuggestionChange[];
}

const isSuggestion = (s: DiffSegment) => s.op === 'suggest-insert' || s.op === 'suggest-delete';

/** An empty block still has one (empty) segment, as it always had. */
const orEmpty = (segments: DiffSegment[], op: DiffSegment['op']): DiffSegment[] => (segments.length > 0 ? segments : [{ op, text: '' }]);

/** What changed from `before` to `after`. */
export function compareDocuments(before: JSONContent, after: JSONContent): Comparison {
  const a = blocksOf(before);
  const b = blocksOf(after);
  const changes = diffArrays(a.map((block) => block.key), b.map((block) => block.key));
  const blocks: DiffBlock[] = [];
  let insertions = 0;
  let deletions = 0;
  let ai = 0;
  let bi = 0;
  let pendingDeleted: Block[] = [];
  const count = (parts: readonly AcceptedPart[]) => {
    for (const part of parts) {
      if (part.op === 'insert') insertions += words(part.text);
      if (part.op === 'delete') deletions += words(part.text);
    }
  };
  const flushDeleted = () => {
    for (const block of pendingDeleted) {
      // A block that held only suggested text (a rejected suggested paragraph) lost nothing accepted.
      if (block.text === '' && block.runs.length > 0) continue;
      deletions += words(block.text);
      blocks.push({ op: 'delete', type: block.type, segments: [{ op: 'delete', text: block.text }] });
    }
    pendingDeleted = [];
  };
  const changed = (old: Block, block: Block) => {
    const parts: AcceptedPart[] = diffWordsWithSpace(old.text, block.text).map((part) => ({
      op: part.added ? 'insert' : part.removed ? 'delete' : 'equal',
      text: part.value,
    }));
    count(parts);
    const segments = overlaySuggestions(parts, block.runs);
    // Only its suggestions' anchors changed (a suggested split): nothing to show.
    const op = segments.every((s) => s.op === 'equal') ? 'equal' : 'change';
    blocks.push({ op, type: block.type, segments: orEmpty(segments, 'equal') });
  };
  const inserted = (block: Block) => {
    const parts: AcceptedPart[] = block.text ? [{ op: 'insert', text: block.text }] : [];
    count(parts);
    const segments = overlaySuggestions(parts, block.runs);
    // A paragraph that is all suggestion is a proposal, not an inserted block.
    const op = block.text === '' && segments.some(isSuggestion) ? 'change' : 'insert';
    blocks.push({ op, type: block.type, segments: orEmpty(segments, 'insert') });
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
        if (old && (related(old.text, block.text) || (old.text === block.text && old.type === block.type))) {
          pendingDeleted.shift();
          changed(old, block);
        } else {
          flushDeleted();
          inserted(block);
        }
      }
      bi += change.count;
      continue;
    }
    flushDeleted();
    for (const block of b.slice(bi, bi + change.count)) {
      const segments = overlaySuggestions(block.text ? [{ op: 'equal', text: block.text }] : [], block.runs);
      blocks.push({ op: 'equal', type: block.type, segments: orEmpty(segments, 'equal') });
    }
    ai += change.count;
    bi += change.count;
  }
  flushDeleted();
  return { blocks, insertions, deletions, suggestions: newSuggestions(a, b) };
}
