/**
 * Figures through import, in-process on SQLite: a DOCX or Markdown export of a document with figures,
 * imported again, makes a document whose figures show the same pictures, stored as its own files; a
 * remote image in Markdown is never fetched and stays its alt text.
 */
import type { JSONContent } from '@tiptap/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FIGURE_SRC } from '../../../shared/editor/figure.js';
import type { ApiClient } from '../../../test/auth/api-client.js';
import { gifBytes, pngBytes } from '../../../test/fixtures/images.js';
import { inProcessOrigin, makeInProcessTeam, startInProcess, type InProcessApp, type InProcessTeam } from '../../../test/helpers/in-process.js';
import { docToJson } from '../../text/ydoc.js';

async function post(app: InProcessApp, who: ApiClient, path: string, form: FormData): Promise<{ status: number; body: Record<string, { id: string; url?: string }> }> {
  const res = await app.app.request(`${inProcessOrigin}${path}`, { method: 'POST', body: form, headers: { cookie: who.cookie, origin: inProcessOrigin } });
  return { status: res.status, body: (await res.json()) as Record<string, { id: string }> };
}

function fileForm(bytes: Uint8Array, name: string): FormData {
  const form = new FormData();
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
  return form;
}

function figuresOf(json: JSONContent): JSONContent[] {
  const out: JSONContent[] = [];
  const walk = (node: JSONContent) => (node.type === 'figure' ? out.push(node) : node.content?.forEach(walk));
  walk(json);
  return out;
}

describe('figures through import', () => {
  let app: InProcessApp;
  let team: InProcessTeam;
  const pictures = [pngBytes(40), gifBytes(41)];

  beforeAll(async () => {
    app = await startInProcess();
    team = await makeInProcessTeam(app);
    const urls: string[] = [];
    for (const [i, bytes] of pictures.entries()) urls.push((await post(app, team.owner, `/api/documents/${team.docId}/files`, fileForm(bytes, `p${i}`))).body.file!.url!);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await app.hub.readDocument(team.docId));
    const before = Y.encodeStateVector(doc);
    const fragment = doc.getXmlFragment('default');
    fragment.insert(fragment.length, urls.map((src, i) => {
      const el = new Y.XmlElement('figure');
      el.setAttribute('id', `fig-${i}`);
      el.setAttribute('src', src);
      el.insert(0, [new Y.XmlText(i === 0 ? 'Western blot' : 'Survival curve')]);
      return el;
    }));
    await app.hub.applyServerUpdate(team.docId, Y.encodeStateAsUpdate(doc, before));
    doc.destroy();
  });
  afterAll(async () => {
    await app?.dispose();
  });

  it.each(['docx', 'md'])('imports the figures of a %s export as the new document\'s own files', async (format) => {
    const exported = await app.app.request(`${inProcessOrigin}/api/documents/${team.docId}/export?format=${format}`, { headers: { cookie: team.owner.cookie } });
    expect(exported.status).toBe(200);
    const imported = await post(app, team.owner, `/api/workspaces/${team.workspaceId}/import`, fileForm(new Uint8Array(await exported.arrayBuffer()), `copy.${format}`));
    expect(imported.status).toBe(201);
    const newId = imported.body.document!.id;
    const figures = figuresOf(docToJson(await app.hub.readDocument(newId)));
    expect(figures.map((f) => f.content?.map((t) => t.text).join(''))).toEqual(['Western blot', 'Survival curve']);
    for (const [i, figure] of figures.entries()) {
      const src = String(figure.attrs?.src);
      expect(src).toMatch(FIGURE_SRC);
      expect(src.startsWith(`/api/documents/${newId}/files/`)).toBe(true);
      const res = await app.app.request(`${inProcessOrigin}${src}`, { headers: { cookie: team.viewer.cookie } });
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(pictures[i]);
    }
  });

  it('never fetches a remote image in Markdown: it stays its alt text', async () => {
    const md = new TextEncoder().encode('# Notes\n\n![tracking pixel](https://tracker.example/p.png)\n');
    const imported = await post(app, team.owner, `/api/workspaces/${team.workspaceId}/import`, fileForm(md, 'notes.md'));
    expect(imported.status).toBe(201);
    const json = docToJson(await app.hub.readDocument(imported.body.document!.id));
    expect(figuresOf(json)).toEqual([]);
    expect(JSON.stringify(json)).not.toContain('tracker.example');
    expect(await app.files.list(imported.body.document!.id)).toEqual([]);
  });
});
