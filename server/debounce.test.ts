/** KeyedDebouncer with fake timers: one run per burst, after the quiet period or at the deadline, and no timer per push. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeyedDebouncer, type Burst } from './debounce.js';

const runs: Array<{ key: string; authors: string[]; at: number }> = [];

function debouncer(): KeyedDebouncer {
  return new KeyedDebouncer({
    idleMs: 100,
    maxWaitMs: 1_000,
    now: () => Date.now(),
    run: async (key: string, burst: Burst) => {
      runs.push({ key, authors: [...burst.authors].sort(), at: Date.now() });
    },
    onError: () => undefined,
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'], now: 0 });
  runs.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('KeyedDebouncer', () => {
  it('runs a burst once, idleMs after its last push, with every author', async () => {
    const d = debouncer();
    d.push('doc', ['ann']);
    await vi.advanceTimersByTimeAsync(60);
    d.push('doc', ['bob']);
    await vi.advanceTimersByTimeAsync(60);
    expect(runs, 'still within 100 ms of the last push').toEqual([]);
    await vi.advanceTimersByTimeAsync(40);
    expect(runs).toEqual([{ key: 'doc', authors: ['ann', 'bob'], at: 160 }]);
    d.push('doc', ['cid']);
    await vi.advanceTimersByTimeAsync(100);
    expect(runs.at(-1)).toEqual({ key: 'doc', authors: ['cid'], at: 260 });
  });

  it('runs a burst that never goes quiet at maxWaitMs after it began', async () => {
    const d = debouncer();
    for (let t = 0; t < 1_500; t += 50) {
      d.push('doc', ['ann']);
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(runs.map((r) => r.at)).toEqual([1_000]);
  });

  it('arms one timer per burst, not one per push', () => {
    const d = debouncer();
    const armed = vi.spyOn(globalThis, 'setTimeout');
    for (let i = 0; i < 100; i++) d.push('doc', ['ann']);
    expect(armed).toHaveBeenCalledTimes(1);
  });

  it('waits on one timer however many keys wait, and runs each key at its own time', async () => {
    const d = debouncer();
    const armed = vi.spyOn(globalThis, 'setTimeout');
    for (let i = 0; i < 100; i++) d.push(`doc-${i}`, [`author-${i % 3}`]);
    expect(armed, 'one timer for 100 waiting keys').toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(50);
    d.push('late', ['ann']);
    d.push('doc-7', ['bob']);
    await vi.advanceTimersByTimeAsync(50);
    expect(runs).toHaveLength(99);
    expect(runs.every((r) => r.at === 100)).toBe(true);
    await vi.advanceTimersByTimeAsync(50);
    expect(runs.slice(99).sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'doc-7', authors: ['author-1', 'bob'], at: 150 },
      { key: 'late', authors: ['ann'], at: 150 },
    ]);
  });
});
