/**
 * The size checks an imported document passes before it becomes a Yjs update: node count and
 * depth on the JSON (walked with an explicit stack, so a deep document cannot overflow this check
 * itself), and the update's bytes afterwards.
 */
import type { JSONContent } from '@tiptap/core';
import { ImportError } from './errors.js';
import { conversionLimits } from './limits.js';

/** Throws ImportError when `json` has more nodes or deeper nesting than an import may have. */
export function checkDocumentSize(json: JSONContent): void {
  const stack: Array<{ node: JSONContent; depth: number }> = [{ node: json, depth: 1 }];
  let nodes = 0;
  for (let next = stack.pop(); next; next = stack.pop()) {
    nodes += 1;
    if (nodes > conversionLimits.maxDocumentNodes) {
      throw new ImportError('too-large', `The file makes a document of more than ${conversionLimits.maxDocumentNodes} blocks and text runs, too large to import.`);
    }
    if (next.depth > conversionLimits.maxDocumentDepth) {
      throw new ImportError('too-deep', `The file nests lists, quotes or tables more than ${conversionLimits.maxDocumentDepth} levels deep.`);
    }
    for (const child of next.node.content ?? []) stack.push({ node: child, depth: next.depth + 1 });
  }
}

/** Throws ImportError when the update for a new document is larger than an import may make. */
export function checkUpdateSize(update: Uint8Array): void {
  if (update.byteLength > conversionLimits.maxUpdateBytes) {
    throw new ImportError('too-large', `The file makes a document of more than ${conversionLimits.maxUpdateBytes / (1024 * 1024)} MB, too large to import.`);
  }
}
