/** Documents in-process: create (seeded from templates), list, read, rename, trash and restore; viewers cannot. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FRAGMENT } from '../../../shared/editor/fragment.js';
import { startInProcess, type InProcessApp } from '../../../test/helpers/in-process.js';
import { writeLines } from '../../../test/helpers/in-process-text.js';

let server: InProcessApp;

beforeAll(async () => {
  server = await startInProcess();
});
afterAll(async () => {
  await server?.dispose();
});

describe('documents', () => {
  it('creates, lists, reads, renames, trashes and restores', async () => {
    const owner = server.client();
    await owner.signup('Owner');
    const ws = await owner.workspace();
    const created = await owner.post(`/api/workspaces/${ws}/documents`, { title: 'Sepsis bundle', template: 'best-practice' });
    expect(created.status).toBe(201);
    const doc = (created.body as { document: { id: string; createdAt: number } }).document;
    expect(doc).toEqual({
      id: doc.id,
      workspaceId: ws,
      title: 'Sepsis bundle',
      template: 'best-practice',
      createdAt: expect.any(Number),
      updatedAt: doc.createdAt,
      changedBy: [{ id: expect.any(String), name: 'Owner' }],
      deletedAt: null,
    });
    expect(doc.id).toMatch(/^[A-Za-z0-9_-]{1,128}$/);
    // The template is seeded on the server, into the document's durable log, before anyone joins.
    const stored = await server.storage.documents.load(doc.id);
    const ydoc = new Y.Doc();
    for (const update of [stored.snapshot, ...stored.updates]) if (update) Y.applyUpdate(ydoc, update);
    expect(ydoc.getXmlFragment(DOCUMENT_FRAGMENT).length).toBeGreaterThan(1);
    // Its first heading is the document's title, not the template's name.
    expect(ydoc.getXmlFragment(DOCUMENT_FRAGMENT).get(0)?.toString()).toContain('>Sepsis bundle<');
    ydoc.destroy();
    const blank = await owner.post(`/api/workspaces/${ws}/documents`, { title: 'Notes' });
    expect((blank.body as { document: { template: string } }).document.template).toBe('blank');

    const list = await owner.get(`/api/workspaces/${ws}/documents`);
    expect((list.body as { documents: Array<{ title: string }> }).documents.map((d) => d.title).sort()).toEqual(['Notes', 'Sepsis bundle']);
    expect((await owner.get(`/api/documents/${doc.id}`)).body).toEqual({ document: doc });

    const renamed = await owner.patch(`/api/documents/${doc.id}`, { title: 'Sepsis bundle v2' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ document: { title: 'Sepsis bundle v2' } });

    const trashed = await owner.delete(`/api/documents/${doc.id}`);
    expect(trashed.status).toBe(200);
    expect((trashed.body as { document: { deletedAt: number | null } }).document.deletedAt).toEqual(expect.any(Number));
    expect(((await owner.get(`/api/workspaces/${ws}/documents`)).body as { documents: unknown[] }).documents).toHaveLength(1);
    const trash = await owner.get(`/api/workspaces/${ws}/documents?trashed=1`);
    expect((trash.body as { documents: Array<{ id: string }> }).documents.map((d) => d.id)).toEqual([doc.id]);

    const restored = await owner.post(`/api/documents/${doc.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ document: { id: doc.id, deletedAt: null } });
    expect(((await owner.get(`/api/workspaces/${ws}/documents`)).body as { documents: unknown[] }).documents).toHaveLength(2);
  });

  it('viewers read documents but cannot create, rename or trash them (403)', async () => {
    const owner = server.client();
    await owner.signup('Owner');
    const ws = await owner.workspace();
    const doc = await owner.document(ws);
    const viewer = server.client();
    await viewer.signup('Viewer');
    await owner.addMember(ws, viewer, 'viewer');
    expect((await viewer.get(`/api/documents/${doc}`)).status).toBe(200);
    expect((await viewer.get(`/api/workspaces/${ws}/documents`)).status).toBe(200);
    expect((await viewer.post(`/api/workspaces/${ws}/documents`, { title: 'x' })).status).toBe(403);
    expect((await viewer.patch(`/api/documents/${doc}`, { title: 'x' })).status).toBe(403);
    expect((await viewer.delete(`/api/documents/${doc}`)).status).toBe(403);
    expect((await viewer.post(`/api/workspaces/${ws}/invites`, { role: 'owner' })).status).toBe(403);
    expect((await viewer.patch(`/api/workspaces/${ws}`, { name: 'mine' })).status).toBe(403);
  });

  it('follows committed edits of the text in the last change and the list order, and names who changed it', async () => {
    let clock = Date.UTC(2031, 4, 1, 9, 0);
    const app = await startInProcess({ auth: { now: () => clock } });
    try {
      const owner = app.client();
      await owner.signup('Priya Patel');
      const ws = await owner.workspace();
      const older = await owner.document(ws, 'Older protocol');
      clock += 60_000;
      const newer = await owner.document(ws, 'Newer protocol');
      const list = async () => ((await owner.get(`/api/workspaces/${ws}/documents`)).body as { documents: Array<{ id: string; updatedAt: number; changedBy: Array<{ name: string }> }> }).documents;
      expect((await list()).map((d) => d.id)).toEqual([newer, older]);

      // Ten minutes later the older document's text changes (a server-made change names nobody).
      clock += 10 * 60_000;
      await writeLines(app, older, 'Centrifuge at 4 °C.');
      await app.services.flush();
      const [first, second] = await list();
      expect(first).toMatchObject({ id: older, updatedAt: clock, changedBy: [] });
      expect(second?.id).toBe(newer);

      // A rename names the person who made it.
      clock += 60_000;
      await owner.patch(`/api/documents/${newer}`, { title: 'Newer protocol v2' });
      expect((await list())[0]).toMatchObject({ id: newer, updatedAt: clock, changedBy: [{ name: 'Priya Patel' }] });
    } finally {
      await app.dispose();
    }
  });
});
