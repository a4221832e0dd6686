/**
 * The storage contract: one suite every engine must pass. `storageContract(name, setup)` registers it
 * for an engine; `setup` makes an empty database and returns how to open (and reopen) storage on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Storage } from '../storage.js';
import { editedDoc, rebuild, sameDoc, seeded } from './yjs-fixtures.js';

/** An empty database for one engine. */
export interface ContractDatabase {
  /** Opens storage on this database; may be called again (reopen, second node). */
  open(): Promise<Storage>;
  /** Removes the database once every opened storage is closed. */
  dispose(): Promise<void>;
}

export function storageContract(engine: string, setup: () => Promise<ContractDatabase>): void {
  describe(`storage contract: ${engine}`, () => {
    let database: ContractDatabase;
    let storage: Storage;
    const opened: Storage[] = [];
    let nextDoc = 0;
    const docId = (label: string) => `${label}-${nextDoc++}`;
    const open = async () => {
      const s = await database.open();
      opened.push(s);
      return s;
    };

    beforeAll(async () => {
      database = await setup();
      storage = await open();
    });
    afterAll(async () => {
      for (const s of opened.splice(0)) await s.close();
      await database?.dispose();
    });

    it('reports its engine and answers ping', async () => {
      expect(storage.engine).toBe(engine);
      await storage.ping();
    });

    it('loads an unknown document as empty', async () => {
      expect(await storage.documents.load(docId('unknown'))).toEqual({ snapshot: null, updates: [], lastSeq: 0, logBytes: 0 });
    });

    it('appends a group in order with increasing sequence numbers, and loads each log in order', async () => {
      const a = docId('a');
      const b = docId('b');
      const bytes = (n: number) => new Uint8Array([n]);
      const first = await storage.documents.append([a, b, a, a, b].map((d, i) => ({ docId: d, update: bytes(i) })));
      const second = await storage.documents.append([{ docId: a, update: bytes(5) }]);
      const seqs = [...first, ...second];
      expect(seqs).toHaveLength(6);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] ?? Infinity);
      const loadedA = await storage.documents.load(a);
      expect(loadedA.updates).toEqual([bytes(0), bytes(2), bytes(3), bytes(5)]);
      expect(loadedA.lastSeq).toBe(second[0]);
      expect(loadedA.logBytes).toBe(4);
      expect((await storage.documents.load(b)).updates).toEqual([bytes(1), bytes(4)]);
      expect(await storage.documents.append([])).toEqual([]);
    });

    it('round-trips binary data byte for byte', async () => {
      const id = docId('binary');
      const every = Uint8Array.from({ length: 256 }, (_, i) => i);
      const rng = seeded(7);
      const large = Uint8Array.from({ length: 200_000 }, () => Math.floor(rng() * 256));
      const zeros = new Uint8Array(1000);
      // A view into a larger buffer: only the viewed bytes may be stored.
      const view = new Uint8Array(large.buffer, 1000, 333);
      const updates = [every, large, zeros, view, new Uint8Array([0])];
      const seqs = await storage.documents.append(updates.map((update) => ({ docId: id, update })));
      const loaded = await storage.documents.load(id);
      expect(loaded.updates).toHaveLength(updates.length);
      loaded.updates.forEach((u, i) => {
        expect(u).toBeInstanceOf(Uint8Array);
        expect(Buffer.from(u).equals(Buffer.from(updates[i] ?? []))).toBe(true);
      });
      expect(loaded.logBytes).toBe(updates.reduce((n, u) => n + u.byteLength, 0));
      const holder = new Y.Doc();
      holder.getMap('m').set('blob', large);
      const snapshot = Y.encodeStateAsUpdate(holder);
      holder.destroy();
      await storage.documents.compact(id, snapshot, seqs.at(-1) ?? 0);
      const compacted = await storage.documents.load(id);
      expect(compacted.snapshot).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(compacted.snapshot ?? []).equals(Buffer.from(snapshot))).toBe(true);
      const restored = rebuild({ snapshot: compacted.snapshot, updates: [] }).getMap('m').get('blob');
      expect(restored instanceof Uint8Array && Buffer.from(restored).equals(Buffer.from(large))).toBe(true);
    });

    it('rebuilds the source Y.Doc from snapshot + log', async () => {
      const id = docId('rebuild');
      const source = editedDoc(1);
      for (let round = 0; round < 30; round++) {
        for (let i = 0; i < 1 + (round % 4); i++) source.edit();
        await storage.documents.append(source.take().map((update) => ({ docId: id, update })));
      }
      const loaded = await storage.documents.load(id);
      expect(loaded.updates.length).toBeGreaterThan(30);
      const doc = rebuild(loaded);
      expect(sameDoc(doc, source.doc)).toBe(true);
      doc.destroy();
      source.destroy();
    });

    it('compaction replaces the snapshot and deletes exactly the rows it covers', async () => {
      const id = docId('compact');
      const other = docId('bystander');
      const source = editedDoc(2);
      const seqs: number[] = [];
      const record = async () => {
        source.edit();
        seqs.push(...(await storage.documents.append(source.take().map((update) => ({ docId: id, update })))));
      };
      for (let i = 0; i < 10; i++) await record();
      await storage.documents.append([{ docId: other, update: new Uint8Array([9]) }]);
      const through = seqs.at(-1) ?? 0;
      await storage.documents.compact(id, Y.encodeStateAsUpdate(source.doc), through);
      let loaded = await storage.documents.load(id);
      expect(loaded.updates).toEqual([]);
      expect(loaded.logBytes).toBe(0);
      expect(loaded.lastSeq).toBe(through);
      expect(sameDoc(rebuild(loaded), source.doc)).toBe(true);

      // Updates after throughSeq survive a compaction through an earlier point.
      for (let i = 0; i < 5; i++) await record();
      const kept: Uint8Array[] = [];
      const midSnapshot = Y.encodeStateAsUpdate(source.doc);
      const mid = seqs.at(-1) ?? 0;
      for (let i = 0; i < 4; i++) {
        source.edit();
        const updates = source.take();
        kept.push(...updates);
        seqs.push(...(await storage.documents.append(updates.map((update) => ({ docId: id, update })))));
      }
      await storage.documents.compact(id, midSnapshot, mid);
      loaded = await storage.documents.load(id);
      expect(loaded.snapshot).toEqual(midSnapshot);
      expect(loaded.updates).toEqual(kept);
      expect(loaded.lastSeq).toBe(seqs.at(-1));
      expect(sameDoc(rebuild(loaded), source.doc)).toBe(true);
      expect((await storage.documents.load(other)).updates).toEqual([new Uint8Array([9])]);
      source.destroy();
    });

    it('never moves a snapshot backwards', async () => {
      const id = docId('backwards');
      const source = editedDoc(3);
      const seqs: number[] = [];
      for (let i = 0; i < 6; i++) {
        source.edit();
        seqs.push(...(await storage.documents.append(source.take().map((update) => ({ docId: id, update })))));
      }
      const newer = Y.encodeStateAsUpdate(source.doc);
      await storage.documents.compact(id, newer, seqs.at(-1) ?? 0);
      // A slower compaction from an older view arrives late.
      await storage.documents.compact(id, new Uint8Array([0, 0]), seqs[2] ?? 0);
      const loaded = await storage.documents.load(id);
      expect(loaded.snapshot).toEqual(newer);
      expect(loaded.lastSeq).toBe(seqs.at(-1));
      source.destroy();
    });

    it('loses nothing when compactions run concurrently with appends', async () => {
      const id = docId('concurrent');
      const live = editedDoc(4);
      let known = 0;
      const work: Promise<unknown>[] = [];
      for (let round = 0; round < 60; round++) {
        live.edit();
        // Appends are not serialised here (harsher than the relay's one-commit-at-a-time queue).
        work.push(
          storage.documents.append(live.take().map((update) => ({ docId: id, update }))).then((seqs) => {
            known = Math.max(known, ...seqs);
          }),
        );
        // Like a room: snapshot of the live document, through the highest sequence known committed.
        if (round % 7 === 3) work.push(storage.documents.compact(id, Y.encodeStateAsUpdate(live.doc), known));
        if (round % 5 === 0) await Promise.resolve();
      }
      await Promise.all(work);
      const beforeFinal = rebuild(await storage.documents.load(id));
      expect(sameDoc(beforeFinal, live.doc)).toBe(true);
      await storage.documents.compact(id, Y.encodeStateAsUpdate(live.doc), known);
      const after = await storage.documents.load(id);
      expect(after.updates).toEqual([]);
      expect(sameDoc(rebuild(after), live.doc)).toBe(true);
      live.destroy();
    });

    it('purges a document and nothing else', async () => {
      const id = docId('purge');
      const other = docId('survivor');
      const [seq] = await storage.documents.append([
        { docId: id, update: new Uint8Array([1]) },
        { docId: other, update: new Uint8Array([2]) },
      ]);
      await storage.documents.compact(id, new Uint8Array([3]), seq ?? 0);
      await storage.documents.append([{ docId: id, update: new Uint8Array([4]) }]);
      await storage.documents.purge(id);
      expect(await storage.documents.load(id)).toEqual({ snapshot: null, updates: [], lastSeq: 0, logBytes: 0 });
      expect((await storage.documents.load(other)).updates).toEqual([new Uint8Array([2])]);
      await storage.documents.purge(docId('never-stored'));
    });

    it('migrates idempotently: a second and third open see the same data', async () => {
      const id = docId('reopen');
      await storage.documents.append([{ docId: id, update: new Uint8Array([42]) }]);
      const second = await open();
      expect((await second.documents.load(id)).updates).toEqual([new Uint8Array([42])]);
      await second.close();
      opened.splice(opened.indexOf(second), 1);
      const third = await open();
      expect((await third.documents.load(id)).updates).toEqual([new Uint8Array([42])]);
    });
  });
}
