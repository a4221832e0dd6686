/** Yjs documents for storage tests: seeded random edits, each captured as the update it produced. */
import * as Y from 'yjs';

/** A deterministic pseudo-random source (tests must be reproducible). */
export function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/** A document being edited; `take()` returns the updates produced since the last call. */
export interface EditedDoc {
  doc: Y.Doc;
  edit(): void;
  take(): Uint8Array[];
  destroy(): void;
}

export function editedDoc(seed: number): EditedDoc {
  const doc = new Y.Doc();
  const rng = seeded(seed);
  let pending: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => pending.push(update));
  const text = doc.getText('t');
  const map = doc.getMap<Uint8Array | number>('m');
  return {
    doc,
    edit() {
      const len = text.length;
      const roll = rng();
      if (len > 0 && roll < 0.3) {
        const at = Math.floor(rng() * len);
        text.delete(at, Math.min(len - at, 1 + Math.floor(rng() * 3)));
      } else if (roll < 0.4) {
        // Binary content, so every byte value travels through the store inside real updates too.
        map.set(`k${Math.floor(rng() * 5)}`, Uint8Array.from({ length: 1 + Math.floor(rng() * 64) }, () => Math.floor(rng() * 256)));
      } else {
        text.insert(Math.floor(rng() * (len + 1)), String.fromCharCode(97 + Math.floor(rng() * 26)));
      }
    },
    take() {
      const out = pending;
      pending = [];
      return out;
    },
    destroy: () => doc.destroy(),
  };
}

/** Rebuilds a Y.Doc the way a room does: the snapshot, then the log in order. */
export function rebuild(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

/** Same content and same history (state vector and delete set) as `expected`. */
export function sameDoc(actual: Y.Doc, expected: Y.Doc): boolean {
  const a = Y.snapshot(actual);
  const b = Y.snapshot(expected);
  return (
    Y.equalSnapshots(a, b) &&
    actual.getText('t').toString() === expected.getText('t').toString() &&
    mapText(actual) === mapText(expected)
  );
}

/** The map's entries in key order: insertion order differs with the order updates were applied in. */
function mapText(doc: Y.Doc): string {
  const entries = Object.entries(doc.getMap('m').toJSON()).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries.map(([k, v]) => [k, v instanceof Uint8Array ? Array.from(v) : v]));
}
