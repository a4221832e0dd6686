/**
 * The slices of a live document, applied one by one to a fresh copy while the live document keeps
 * changing, then the live updates since the start, give the live document back (deletions included):
 * same text, marks and attributes, nothing left waiting for dependencies at any step.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { emptyCopyOf } from './shadow-copy.js';
import { StructSlices } from './shadow-slices.js';

function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** One random edit of the kinds the editor makes: blocks, attributes, text, deletions, marks. */
function edit(doc: Y.Doc, r: () => number): void {
  const fragment = doc.getXmlFragment('default');
  const op = r();
  if (fragment.length === 0 || op < 0.15) {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    text.insert(0, `hello world ${Math.floor(r() * 100)}`);
    paragraph.insert(0, [text]);
    fragment.insert(Math.floor(r() * (fragment.length + 1)), [paragraph]);
    return;
  }
  const paragraph = fragment.get(Math.floor(r() * fragment.length)) as Y.XmlElement;
  if (op < 0.2) return fragment.delete(Math.floor(r() * fragment.length), 1);
  if (op < 0.25) return paragraph.setAttribute('level', String(Math.floor(r() * 3)));
  const text = paragraph.get(0) as Y.XmlText | undefined;
  if (!text) return;
  if (op < 0.6) text.insert(Math.floor(r() * (text.length + 1)), 'abc'.slice(0, 1 + Math.floor(r() * 3)), r() < 0.3 ? { insertion: { id: 'x~1' } } : {});
  else if (op < 0.8 && text.length > 2) text.delete(Math.floor(r() * (text.length - 1)), 2);
  else if (text.length > 2) text.format(Math.floor(r() * text.length), Math.floor(r() * 5), { bold: r() < 0.5 ? true : null });
}

/**
 * Rebuilds a random document of several writers slice by slice into the guard's kind of copy
 * (emptyCopyOf), the live document changing between slices when `liveEdits`, and checks the copy ends equal to it with nothing ever pending.
 */
function rebuild(seed: number, liveEdits: boolean): void {
  const r = random(seed);
  const writers = Array.from({ length: 2 + (seed % 4) }, () => new Y.Doc());
  const live = new Y.Doc({ gc: true });
  const sync = (): void => {
    for (const w of writers) Y.applyUpdate(live, Y.encodeStateAsUpdate(w, Y.encodeStateVector(live)));
    for (const w of writers) Y.applyUpdate(w, Y.encodeStateAsUpdate(live, Y.encodeStateVector(w)));
  };
  const liveEdit = (): void => {
    const w = writers[Math.floor(r() * writers.length)] as Y.Doc;
    edit(w, r);
    Y.applyUpdate(live, Y.encodeStateAsUpdate(w, Y.encodeStateVector(live)));
  };
  for (let i = 0; i < 300; i++) {
    edit(writers[Math.floor(r() * writers.length)] as Y.Doc, r);
    if (r() < 0.3) sync();
  }
  sync();
  const upTo = new Map([...live.store.clients.keys()].map((client) => [client, Y.getState(live.store, client)]));
  const copy = emptyCopyOf(live);
  const backlog: Uint8Array[] = [];
  live.on('update', (update: Uint8Array) => backlog.push(update));
  const slices = new StructSlices(live, upTo);
  for (let slice = slices.next(1 + (seed % 7)); slice; slice = slices.next(1 + (seed % 7))) {
    Y.applyUpdate(copy, slice);
    expect(copy.store.pendingStructs).toBeNull();
    if (liveEdits && r() < 0.5) liveEdit();
  }
  // No delete set of the whole document at the end: the slices carry their deletions, the backlog the later ones.
  for (const update of backlog) Y.applyUpdate(copy, update);
  expect(copy.getXmlFragment('default').toJSON()).toBe(live.getXmlFragment('default').toJSON());
  expect(copy.store.pendingStructs).toBeNull();
  expect(copy.store.pendingDs).toBeNull();
  expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(live));
}

describe('StructSlices', () => {
  it('rebuild a live document of several writers slice by slice while it changes', () => {
    // 109 and 153 are kept from an earlier draft of this test, which stalled on them; this one does not.
    for (const seed of [...Array.from({ length: 80 }, (_, i) => i + 1), 109, 153]) rebuild(seed, true);
  });

  it('rebuild a document at rest exactly: Yjs must not clean up formatting in a half-built copy', () => {
    // Mid-build, Yjs's clean-up after each slice deleted formatting marks the live document keeps (with
    // it on, seeds in this range fail); the copy must change only through the live document's updates.
    for (let seed = 1; seed <= 200; seed++) rebuild(seed, false);
  });
});
