/** The conversion pool on real worker threads: results, refusals, and the limits on time, memory and queue. */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docxBomb } from '../../test/fixtures/docx-bomb.js';
import { createConversionPool, type ConversionPool } from './conversion-pool.js';
import { ConversionUnavailableError, ImportError } from './errors.js';
import { everyNodeDocument } from './fixtures/every-node.js';
import { docToJson, jsonToUpdate } from './ydoc.js';

const markdown = (text: string) => new TextEncoder().encode(text);

describe('conversion pool', () => {
  const pools: ConversionPool[] = [];
  const pool = (options: Parameters<typeof createConversionPool>[0] = {}) => {
    const created = createConversionPool({ idleTimeoutMs: 1000, ...options });
    pools.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
  });

  it('imports and exports on a worker thread, with refusals as ImportErrors', async () => {
    const converter = pool({ maxThreads: 1 });
    const imported = await converter.importFile('md', markdown('# Plan\n\nHello.\n'));
    expect(imported.title).toBe('Plan');
    const replica = new Y.Doc();
    Y.applyUpdate(replica, imported.update);
    expect(JSON.stringify(docToJson(replica))).toContain('Hello.');
    replica.destroy();

    const exported = await converter.exportFile(jsonToUpdate(everyNodeDocument), 'md', 'Cryo-EM');
    expect(exported.fileName).toBe('Cryo-EM.md');
    expect(new TextDecoder().decode(exported.body)).toContain('# Cryo-EM grid preparation');

    await expect(converter.importFile('md', markdown('>'.repeat(5000)))).rejects.toMatchObject({ name: 'ImportError', code: 'too-deep' });
    await expect(converter.importFile('docx', markdown('not a zip'))).rejects.toMatchObject({ code: 'unreadable' });
  });

  it('ends a conversion that outlives its deadline and answers for it', async () => {
    const converter = pool({ maxThreads: 1, timeoutMs: 100 });
    const refused = await converter.importFile('docx', docxBomb(14_000)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ImportError);
    expect(refused).toMatchObject({ code: 'too-large', message: expect.stringContaining('too long') });
  });

  it('ends a thread that runs out of its heap, and the next conversion gets a fresh one', async () => {
    const converter = pool({ maxThreads: 1, heapMb: 64, timeoutMs: 120_000 });
    const refused = await converter.importFile('docx', docxBomb(14_000)).catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: 'ImportError', code: 'too-large', message: expect.stringContaining('memory') });
    expect((await converter.importFile('md', markdown('# After\n'))).title).toBe('After');
  }, 180_000);

  it('refuses work beyond its queue with ConversionUnavailableError instead of queueing it', async () => {
    const converter = pool({ maxThreads: 1, maxQueue: 1 });
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => converter.importFile('md', markdown('# Queued\n'))));
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(refused.length).toBeGreaterThan(0);
    for (const reason of refused) expect(reason).toBeInstanceOf(ConversionUnavailableError);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
  });
});
