/**
 * ListOrder against the truth (indices in the list), on lists that grow between questions, so that
 * answers come from short walks, from labels, from labels given to runs inserted since, and (with a
 * small label space, whose gaps run out) from relabelling windows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ListOrder } from './list-order.js';

/** The list's items left to right (deleted ones included: they keep their place). */
function items(array: Y.Array<number>): Y.Item[] {
  const all: Y.Item[] = [];
  for (let item = array._start; item; item = item.right) all.push(item);
  return all;
}

describe('ListOrder', () => {
  it.each([
    ['the production label space', undefined],
    ['a label space small enough to need relabelling', 2 ** 14],
  ])('answers "is b right of a" as the indices do, while the list grows (%s)', (_name, labelSpace) => {
    const step = fc.oneof(
      fc.record({ insertAt: fc.nat(400), count: fc.integer({ min: 1, max: 150 }) }),
      fc.record({ ask: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const doc = new Y.Doc();
        const array = doc.getArray<number>('a');
        const order = new ListOrder(labelSpace);
        for (const s of steps) {
          if ('insertAt' in s) {
            // One at a time at one index: every value its own item (typed backwards).
            const at = Math.min(s.insertAt, array.length);
            for (let i = 0; i < s.count; i++) array.insert(at, [i]);
            continue;
          }
          const all = items(array);
          if (all.length === 0) continue;
          for (const [a, b] of s.ask) {
            const [i, j] = [a % all.length, b % all.length];
            expect(order.isRightOf(all[i]!, all[j]!), `item ${j} right of item ${i} in ${all.length}`).toBe(j > i);
          }
        }
        doc.destroy();
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
