/**
 * What only PostgreSQL has to get right: several nodes on one database (sequence numbers that commit
 * out of order, compactions racing), consistent loads under compaction, and its own configuration.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTestSchema, describeWithPostgres, type TestSchema } from '../../../test/helpers/postgres.js';
import { editedDoc, rebuild, sameDoc, seeded } from '../contract/yjs-fixtures.js';
import type { Storage } from '../storage.js';
import { openPostgresStorage } from './open.js';

describeWithPostgres('PostgreSQL document store across nodes', (url) => {
  let schema: TestSchema;
  let nodeA: Storage;
  let nodeB: Storage;
  let nextDoc = 0;
  const docId = (label: string) => `${label}-${nextDoc++}`;

  beforeAll(async () => {
    schema = await createTestSchema(url);
    [nodeA, nodeB] = await Promise.all([
      openPostgresStorage({ url, schema: schema.name, poolSize: 4 }),
      openPostgresStorage({ url, schema: schema.name, poolSize: 4 }),
    ]);
  });
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await schema?.drop();
  });

  it('keeps a row the snapshot does not contain, even when its seq is below throughSeq', async () => {
    const id = docId('late');
    const a = editedDoc(10);
    const b = editedDoc(11);
    b.edit();
    // B's update gets the lower seq, but A (which never saw it) compacts through A's higher one.
    const [seqB] = await nodeB.documents.append(b.take().map((update) => ({ docId: id, update })));
    a.edit();
    const [seqA] = await nodeA.documents.append(a.take().map((update) => ({ docId: id, update })));
    expect(seqA).toBeGreaterThan(seqB ?? Infinity);
    await nodeA.documents.compact(id, Y.encodeStateAsUpdate(a.doc), seqA ?? 0);
    const loaded = await nodeB.documents.load(id);
    expect(loaded.updates).toHaveLength(1);
    const truth = new Y.Doc();
    Y.applyUpdate(truth, Y.encodeStateAsUpdate(a.doc));
    Y.applyUpdate(truth, Y.encodeStateAsUpdate(b.doc));
    expect(sameDoc(rebuild(loaded), truth)).toBe(true);
    for (const d of [a, b]) d.destroy();
    truth.destroy();
  });

  it('keeps what the stored snapshot holds when a node that has not seen it compacts further', async () => {
    const id = docId('fold');
    const a = editedDoc(16);
    const b = editedDoc(17);
    b.edit();
    const [seqB] = await nodeB.documents.append(b.take().map((update) => ({ docId: id, update })));
    // B folds its update into the snapshot; the log row is gone.
    await nodeB.documents.compact(id, Y.encodeStateAsUpdate(b.doc), seqB ?? 0);
    a.edit();
    const [seqA] = await nodeA.documents.append(a.take().map((update) => ({ docId: id, update })));
    await nodeA.documents.compact(id, Y.encodeStateAsUpdate(a.doc), seqA ?? 0);
    const loaded = await nodeB.documents.load(id);
    expect(loaded.updates).toEqual([]);
    expect(loaded.lastSeq).toBe(seqA);
    const truth = new Y.Doc();
    Y.applyUpdate(truth, Y.encodeStateAsUpdate(a.doc));
    Y.applyUpdate(truth, Y.encodeStateAsUpdate(b.doc));
    expect(sameDoc(rebuild(loaded), truth)).toBe(true);
    for (const d of [a, b]) d.destroy();
    truth.destroy();
  });

  it('two nodes editing, hearing each other late and compacting concurrently lose nothing', async () => {
    const id = docId('two-nodes');
    const truth = new Y.Doc();
    const rng = seeded(12);
    const nodes = [
      { store: nodeA, editor: editedDoc(13), known: 0 },
      { store: nodeB, editor: editedDoc(14), known: 0 },
    ];
    const work: Promise<unknown>[] = [];
    for (let round = 0; round < 80; round++) {
      const node = nodes[round % 2];
      const peer = nodes[(round + 1) % 2];
      if (!node || !peer) throw new Error('two nodes expected');
      node.editor.edit();
      const updates = node.editor.take();
      for (const update of updates) Y.applyUpdate(truth, update);
      work.push(
        node.store.documents.append(updates.map((update) => ({ docId: id, update }))).then(async (seqs) => {
          node.known = Math.max(node.known, ...seqs);
          // The "bus": the peer hears of committed updates some turns later, in no particular order.
          for (let i = Math.floor(rng() * 4); i > 0; i--) await new Promise((resolve) => setImmediate(resolve));
          for (const update of updates) Y.applyUpdate(peer.editor.doc, update);
          peer.editor.take();
          peer.known = Math.max(peer.known, ...seqs);
        }),
      );
      // A room compacts its own view through the highest seq it knows to be committed.
      if (round % 6 === 5) work.push(node.store.documents.compact(id, Y.encodeStateAsUpdate(node.editor.doc), node.known));
      if (round % 3 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(work);
    expect(sameDoc(rebuild(await nodeA.documents.load(id)), truth)).toBe(true);
    // Once both views have caught up, a compaction folds in everything.
    const [first] = nodes;
    if (!first) throw new Error('two nodes expected');
    expect(sameDoc(first.editor.doc, truth)).toBe(true);
    await nodeA.documents.compact(id, Y.encodeStateAsUpdate(first.editor.doc), Math.max(...nodes.map((n) => n.known)));
    const final = await nodeB.documents.load(id);
    expect(final.updates).toEqual([]);
    expect(sameDoc(rebuild(final), truth)).toBe(true);
    for (const n of nodes) n.editor.destroy();
    truth.destroy();
  });

  it('a load racing compactions always sees every update committed before it started', async () => {
    const id = docId('consistent-load');
    const live = editedDoc(15);
    const committed: Uint8Array[] = [];
    let known = 0;
    let stop = false;
    const writer = (async () => {
      for (let round = 0; round < 60; round++) {
        live.edit();
        const updates = live.take();
        const seqs = await nodeA.documents.append(updates.map((update) => ({ docId: id, update })));
        committed.push(...updates);
        known = Math.max(known, ...seqs);
        if (round % 3 === 2) await nodeA.documents.compact(id, Y.encodeStateAsUpdate(live.doc), known);
      }
      stop = true;
    })();
    let loads = 0;
    while (!stop) {
      const before = committed.length;
      const doc = rebuild(await nodeB.documents.load(id));
      const seen = Y.snapshot(doc);
      for (const update of committed.slice(0, before)) expect(Y.snapshotContainsUpdate(seen, update)).toBe(true);
      doc.destroy();
      loads += 1;
    }
    await writer;
    expect(loads).toBeGreaterThan(1);
    live.destroy();
  });

  it('reads BIGINT as a number and refuses one that a number cannot hold', async () => {
    const small = await sql<{ v: number }>`SELECT 9007199254740991::bigint AS v`.execute(nodeA.db);
    expect(small.rows[0]?.v).toBe(Number.MAX_SAFE_INTEGER);
    await expect(sql`SELECT 9007199254740993::bigint AS v`.execute(nodeA.db)).rejects.toThrow(/does not fit/);
  });

  it('creates a missing DATABASE_SCHEMA and migrates into it', async () => {
    const name = `${schema.name}_new`;
    const fresh = await openPostgresStorage({ url, schema: name, poolSize: 1 });
    try {
      const tables = await sql<{ table_name: string }>`
        SELECT table_name FROM information_schema.tables WHERE table_schema = ${name}`.execute(fresh.db);
      expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['doc_updates', 'doc_snapshots', 'kysely_migration']));
      await fresh.documents.append([{ docId: 'x', update: new Uint8Array([1]) }]);
      expect((await nodeA.documents.load('x')).updates).toEqual([]);
    } finally {
      await sql`DROP SCHEMA IF EXISTS ${sql.id(name)} CASCADE`.execute(fresh.db);
      await fresh.close();
    }
  });
});
