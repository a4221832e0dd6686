/**
 * Files on PostgreSQL: the bytes live in the database row, so a second node on the
 * same database serves a file the first one stored; limits and the collector work there too.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fileUrl } from '../../../shared/api/files.js';
import { pngBytes } from '../../../test/fixtures/images.js';
import { createTestSchema, describeWithPostgres, type TestSchema } from '../../../test/helpers/postgres.js';
import { inProcessOrigin, makeInProcessTeam, startInProcess, type InProcessApp } from '../../../test/helpers/in-process.js';

describeWithPostgres('files on PostgreSQL', (url) => {
  let schema: TestSchema;
  const apps: InProcessApp[] = [];
  beforeAll(async () => {
    schema = await createTestSchema(url);
  });
  afterAll(async () => {
    for (const app of apps) await app.dispose();
    await schema?.drop();
  });

  it('stores the bytes in the database, serves them from another node, and collects unused ones', async () => {
    const env = { DATABASE_URL: url, DATABASE_SCHEMA: schema.name };
    const first = await startInProcess({ env, files: { graceMs: 0, maxDocumentFileBytes: 2 * pngBytes(1).byteLength } });
    apps.push(first);
    const second = await startInProcess({ env });
    apps.push(second);
    expect(first.storage.engine).toBe('postgres');
    const team = await makeInProcessTeam(first);

    const form = new FormData();
    form.set('file', new File([pngBytes(1) as Uint8Array<ArrayBuffer>], 'a.png'));
    const res = await first.app.request(`${inProcessOrigin}/api/documents/${team.docId}/files`, { method: 'POST', body: form, headers: { cookie: team.owner.cookie, origin: inProcessOrigin } });
    expect(res.status).toBe(201);
    const { file } = (await res.json()) as { file: { id: string } };

    const row = await first.storage.db.selectFrom('document_files').select(['data', 'content_type']).where('id', '=', file.id).executeTakeFirstOrThrow();
    expect(row.content_type).toBe('image/png');
    expect(new Uint8Array(row.data!)).toEqual(pngBytes(1));
    const fromSecond = await second.app.request(`${inProcessOrigin}${fileUrl(team.docId, file.id)}`, { headers: { cookie: team.viewer.cookie } });
    expect(fromSecond.status).toBe(200);
    expect(new Uint8Array(await fromSecond.arrayBuffer())).toEqual(pngBytes(1));
    const outsider = await second.app.request(`${inProcessOrigin}${fileUrl(team.docId, file.id)}`, { headers: { cookie: team.outsider.cookie } });
    expect(outsider.status).toBe(404);

    await first.files.put({ docId: team.docId, contentType: 'image/png', bytes: pngBytes(2), createdBy: null, createdAt: Date.now() });
    await expect(first.files.put({ docId: team.docId, contentType: 'image/png', bytes: pngBytes(3), createdBy: null, createdAt: Date.now() })).rejects.toMatchObject({ code: 'document_files_full' });
    expect(await first.files.usage(team.docId)).toBe(2 * pngBytes(1).byteLength);

    // Nothing in the document refers to either file.
    expect(await first.fileCollector.sweepDocument(team.docId)).toBe(2);
    expect(await second.files.list(team.docId)).toEqual([]);
  });
});
