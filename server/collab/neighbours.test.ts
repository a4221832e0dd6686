/**
 * Honest concurrent editing must always pass the neighbour checks. Several clients edit a text, an
 * array with nested types, an XML fragment shaped like TipTap's (paragraphs of formatted text with
 * attributes) and a map, with undo and redo, going offline and merging back as y-websocket does (one
 * update with everything the server lacks). The server document runs the check before applying and the
 * guard while Yjs integrates; every update must pass both, and in the end every replica, the server and
 * a fresh copy of it are identical.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NeighbourGuard } from './neighbour-guard.js';
import { checkNeighbours, checkOwnClientReferences, checkParents } from './update-check.js';
import { messageOf } from '../../shared/narrow.js';

const CLIENTS = 3;
const SERVER = Symbol('server');

type Action =
  | { kind: 'text'; client: number; at: number; insert: string; remove: number }
  | { kind: 'format'; client: number; at: number; length: number; bold: boolean }
  | { kind: 'array'; client: number; at: number; nested: boolean; remove: number }
  | { kind: 'paragraph'; client: number; at: number; text: string; remove: boolean }
  | { kind: 'type'; client: number; paragraph: number; at: number; text: string; remove: number }
  | { kind: 'attribute'; client: number; paragraph: number; level: number }
  | { kind: 'map'; client: number; key: string; value: number | null }
  | { kind: 'paste'; client: number; items: number[] }
  | { kind: 'burst'; client: number; at: number; count: number; array: boolean }
  | { kind: 'undo' | 'redo'; client: number }
  | { kind: 'offline' | 'online'; client: number };

const client = fc.nat(CLIENTS - 1);
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('text' as const), client, at: fc.nat(60), insert: fc.string({ maxLength: 6 }), remove: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('format' as const), client, at: fc.nat(60), length: fc.nat(8), bold: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('array' as const), client, at: fc.nat(30), nested: fc.boolean(), remove: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('paragraph' as const), client, at: fc.nat(10), text: fc.string({ maxLength: 8 }), remove: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('type' as const), client, paragraph: fc.nat(10), at: fc.nat(20), text: fc.string({ maxLength: 5 }), remove: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('attribute' as const), client, paragraph: fc.nat(10), level: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('map' as const), client, key: fc.constantFrom('a', 'b', 'c'), value: fc.option(fc.nat(99)) }) },
  // Many separate items in one update: long runs of concurrent items between two neighbours.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('paste' as const), client, items: fc.array(fc.nat(200), { minLength: 20, maxLength: 90 }) }) },
  // Items typed backwards at one place: each its own struct, so a concurrent insert there has more
  // items between its neighbours than a short walk covers (the positions fallback in list-order.ts).
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('burst' as const), client, at: fc.nat(6), count: fc.integer({ min: 65, max: 160 }), array: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('undo' as const, 'redo' as const), client }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('offline' as const, 'online' as const), client }) },
);

/** A server document that checks every update as the room does; records what it refused. */
function checkedServer() {
  const doc = new Y.Doc();
  const guard = NeighbourGuard.attach(doc);
  const refusals: string[] = [];
  return {
    doc,
    refusals,
    apply(update: Uint8Array, origin: unknown) {
      try {
        const { structs } = Y.decodeUpdate(update);
        checkOwnClientReferences(structs);
        checkParents(doc, structs);
        checkNeighbours(doc, structs, guard.order);
      } catch (error) {
        refusals.push(messageOf(error));
        return;
      }
      Y.applyUpdate(doc, update, origin);
      refusals.push(...guard.takeRefused().map((r) => `${r.id.client}:${r.id.clock} ${r.problem}`));
    },
  };
}

function paragraphs(doc: Y.Doc): Y.XmlElement[] {
  return doc.getXmlFragment('default').toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement);
}

function perform(doc: Y.Doc, undo: Y.UndoManager, a: Action): void {
  const text = doc.getText('t');
  const array = doc.getArray<unknown>('a');
  const fragment = doc.getXmlFragment('default');
  switch (a.kind) {
    case 'text': {
      const at = Math.min(a.at, text.length);
      if (a.insert) text.insert(at, a.insert);
      if (a.remove && text.length > at) text.delete(at, Math.min(a.remove, text.length - at));
      return;
    }
    case 'format':
      if (text.length > 0) text.format(Math.min(a.at, text.length - 1), a.length, { bold: a.bold || null });
      return;
    case 'array': {
      const at = Math.min(a.at, array.length);
      array.insert(at, [a.nested ? Y.Array.from([at, new Y.Map()]) : at]);
      if (a.remove && array.length > at + 1) array.delete(at + 1, Math.min(a.remove, array.length - at - 1));
      return;
    }
    case 'paragraph': {
      const at = Math.min(a.at, fragment.length);
      if (a.remove && at < fragment.length) return fragment.delete(at, 1);
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(a.text)]);
      fragment.insert(at, [paragraph]);
      return;
    }
    case 'type': {
      const paragraph = paragraphs(doc)[a.paragraph % Math.max(1, fragment.length)];
      const inner = paragraph?.get(0);
      if (!(inner instanceof Y.XmlText)) return;
      const at = Math.min(a.at, inner.length);
      if (a.text) inner.insert(at, a.text, a.at % 3 === 0 ? { italic: true } : {});
      if (a.remove && inner.length > at) inner.delete(at, Math.min(a.remove, inner.length - at));
      return;
    }
    case 'attribute':
      paragraphs(doc)[a.paragraph % Math.max(1, fragment.length)]?.setAttribute('level', String(a.level));
      return;
    case 'map':
      if (a.value === null) doc.getMap('m').delete(a.key);
      else doc.getMap('m').set(a.key, a.value);
      return;
    case 'paste':
      doc.transact(() => {
        for (const n of a.items) {
          if (n % 2) text.insert(n % (text.length + 1), String.fromCharCode(97 + (n % 26)));
          else array.insert(n % (array.length + 1), [n]);
        }
      });
      return;
    case 'burst':
      doc.transact(() => {
        const list: Y.Text | Y.Array<unknown> = a.array ? array : text;
        const at = Math.min(a.at, list.length);
        for (let i = 0; i < a.count; i++) {
          if (list instanceof Y.Text) list.insert(at, String.fromCharCode(65 + (i % 26)));
          else list.insert(at, [i]);
        }
      });
      return;
    case 'undo':
      undo.undo();
      return;
    case 'redo':
      undo.redo();
      return;
    case 'offline':
    case 'online':
      return;
  }
}

/** The visible state of a replica, for comparison. */
function contents(doc: Y.Doc): string {
  const sortKeys = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));
  return [JSON.stringify(doc.getText('t').toDelta()), sortKeys(doc.getArray('a').toJSON()), doc.getXmlFragment('default').toString(), sortKeys(doc.getMap('m').toJSON())].join('\n');
}

function run(actions: Action[]): void {
  const server = checkedServer();
  const replicas = Array.from({ length: CLIENTS }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = 1000 + i;
    const undo = new Y.UndoManager([doc.getText('t'), doc.getArray('a'), doc.getXmlFragment('default'), doc.getMap('m')], { captureTimeout: 0 });
    const replica = { doc, undo, online: true };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== SERVER && replica.online) server.apply(update, replica);
    });
    return replica;
  });
  server.doc.on('update', (update: Uint8Array, origin: unknown) => {
    for (const r of replicas) if (r.online && r !== origin) Y.applyUpdate(r.doc, update, SERVER);
  });
  /** Reconnects as y-websocket does: each side sends the other what its state vector lacks. */
  const reconnect = (r: (typeof replicas)[number]) => {
    r.online = true;
    server.apply(Y.encodeStateAsUpdate(r.doc, Y.encodeStateVector(server.doc)), r);
    Y.applyUpdate(r.doc, Y.encodeStateAsUpdate(server.doc, Y.encodeStateVector(r.doc)), SERVER);
  };
  for (const a of actions) {
    const r = replicas[a.client]!;
    if (a.kind === 'offline') r.online = false;
    else if (a.kind === 'online' && !r.online) reconnect(r);
    else perform(r.doc, r.undo, a);
  }
  for (const r of replicas) if (!r.online) reconnect(r);
  expect(server.refusals, 'honest updates refused').toEqual([]);
  const fresh = new Y.Doc();
  Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server.doc));
  const expected = contents(server.doc);
  expect(contents(fresh)).toBe(expected);
  for (const r of replicas) expect(contents(r.doc)).toBe(expected);
  for (const doc of [fresh, server.doc, ...replicas.map((r) => r.doc)]) doc.destroy();
}

describe('neighbour checks on honest concurrent editing', () => {
  it('accept every update of clients editing text, arrays, XML and maps, offline and merging', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 10, maxLength: 120 }), (actions) => run(actions)),
      { numRuns: 150, seed: 20_261_128 },
    );
  });
});
