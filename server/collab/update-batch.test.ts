/** UpdateBatch on its own: merged updates apply like the parts, the author rule, and the bounds. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_BATCH_BYTES, MAX_BATCH_UPDATES, UpdateBatch } from './update-batch.js';

/** The update events of `edits`, one transaction each, on a doc that saw them in this order. */
function updatesOf(edits: Array<(text: Y.Text) => void>): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (const edit of edits) edit(doc.getText('t'));
  return updates;
}

describe('UpdateBatch', () => {
  it('merges its updates into one that applies like the parts, and is empty afterwards', () => {
    const updates = updatesOf([(t) => t.insert(0, 'hello'), (t) => t.insert(5, ' world'), (t) => t.delete(0, 1)]);
    const batch = new UpdateBatch<string>();
    for (const update of updates) batch.add(update, 'alice');
    const merged = batch.take();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, merged!.update);
    expect(doc.getText('t').toString()).toBe('ello world');
    expect(batch.isEmpty).toBe(true);
    expect(batch.take()).toBeNull();
  });

  it('excludes the author only when every part has the same one', () => {
    const [a, b] = updatesOf([(t) => t.insert(0, 'a'), (t) => t.insert(1, 'b')]);
    const batch = new UpdateBatch<string>();
    batch.add(a!, 'alice');
    batch.add(b!, 'alice');
    expect(batch.take()?.exclude).toBe('alice');
    batch.add(a!, 'alice');
    batch.add(b!, 'bob');
    expect(batch.take()?.exclude).toBeNull();
    batch.add(a!, 'alice');
    batch.add(b!, null);
    expect(batch.take()?.exclude).toBeNull();
    batch.add(a!, null);
    expect(batch.take()).toEqual({ update: a, exclude: null });
  });

  it('takes anything when empty, but no more than its bounds once it holds something', () => {
    const big = new Uint8Array(MAX_BATCH_BYTES + 1);
    const batch = new UpdateBatch<string>();
    expect(batch.fits(big)).toBe(true);
    const [small] = updatesOf([(t) => t.insert(0, 'x')]);
    batch.add(small!, null);
    expect(batch.fits(big)).toBe(false);
    for (let i = 1; i < MAX_BATCH_UPDATES; i++) batch.add(small!, null);
    expect(batch.fits(small!)).toBe(false);
  });
});
