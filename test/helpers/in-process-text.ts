/** Writing text into a document in-process, through the relay's durable path (as a restore does). */
import type { JSONContent } from '@tiptap/core';
import { replaceContentUpdate } from '../../server/text/index.js';
import type { InProcessApp } from './in-process.js';

/** A document of paragraphs. */
export function paragraphs(...lines: string[]): JSONContent {
  return { type: 'doc', content: lines.map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })) };
}

/** Makes the stored document read `lines`, committed before this resolves. */
export async function writeLines(app: InProcessApp, docId: string, ...lines: string[]): Promise<void> {
  await app.hub.applyServerUpdate(docId, replaceContentUpdate(await app.hub.readDocument(docId), paragraphs(...lines)));
}
