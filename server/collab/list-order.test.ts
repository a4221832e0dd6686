/**
 * ListOrder against the truth (indices in the list), on lists that grow between questions, so that
 * answers come from short walks, from positions, from positions plus a walk over items inserted since,
 * and from renumbering.
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
  it('answers "is b right of a" as the indices do, while the list grows', () => {
    const step = fc.oneof(
      fc.record({ insertAt: fc.nat(400), count: fc.integer({ min: 1, max: 150 }) }),
      fc.record({ ask: fc.tuple(fc.nat(), fc.nat()) }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const doc = new Y.Doc();
        const array = doc.getArray<number>('a');
        const order = new ListOrder();
        for (const s of steps) {
          if ('insertAt' in s) {
            // One at a time at one index: every value its own item (typed backwards).
            const at = Math.min(s.insertAt, array.length);
            for (let i = 0; i < s.count; i++) array.insert(at, [i]);
            continue;
          }
          const all = items(array);
          if (all.length === 0) continue;
          const [i, j] = [s.ask[0] % all.length, s.ask[1] % all.length];
          expect(order.isRightOf(all[i]!, all[j]!), `item ${j} right of item ${i} in ${all.length}`).toBe(j > i);
        }
        doc.destroy();
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
