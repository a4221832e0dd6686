/**
 * What a browser downloads, as the server sends it: a real production build of the client (with the
 * build-time brotli and gzip copies), served by the whole app in-process. The document page's
 * JavaScript (the entry, the document chunk and everything they import statically, read from Vite's
 * manifest) must fit the 250 KB budget as sent; JSON is gzipped on the fly; DOCX exports and small
 * answers are left alone. The WebSocket upgrade is covered by the relay tests over real sockets.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, type ClientBuild } from '../helpers/browser.js';
import { inProcessOrigin, startInProcess, type InProcessApp } from '../helpers/in-process.js';

/** The README's budget for the document page's JavaScript on a first visit, in bytes as sent. */
const DOCUMENT_PAGE_BUDGET = 250 * 1000;

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

type Manifest = Record<string, ManifestChunk>;

/** The files a page loads before it runs: its chunk and, transitively, its static imports (not its lazy ones). */
function staticClosure(manifest: Manifest, keys: string[]): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`not in the Vite manifest: ${key}`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return [...seen].map((key) => manifest[key]!.file);
}

let build: ClientBuild;
let app: InProcessApp;
let manifest: Manifest;

beforeAll(async () => {
  build = await buildClient();
  app = await startInProcess({ distDir: build.distDir });
  manifest = JSON.parse(fs.readFileSync(path.join(build.distDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}, 180_000);

afterAll(async () => {
  await app?.dispose();
  build?.dispose();
});

function get(urlPath: string, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(app.app.request(urlPath, { headers: { origin: inProcessOrigin, ...headers } }));
}

async function bodyBytes(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

describe('the document page as a browser downloads it', () => {
  it('sends its JavaScript brotli-compressed from the build, within the 250 KB budget', async () => {
    const scripts = staticClosure(manifest, ['index.html', 'pages/Document.tsx']);
    expect(scripts.length).toBeGreaterThan(1);
    let sent = 0;
    for (const file of scripts) {
      const res = await get(`/${file}`, { 'accept-encoding': 'gzip, deflate, br' });
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-encoding'), file).toBe('br');
      expect(res.headers.get('vary'), file).toMatch(/accept-encoding/i);
      expect(res.headers.get('content-type'), file).toMatch(/javascript/);
      expect(res.headers.get('cache-control'), file).toBe('public, max-age=31536000, immutable');
      const body = await bodyBytes(res);
      // What arrives is the script itself once decoded: the copy belongs to this build.
      expect(zlib.brotliDecompressSync(body).equals(fs.readFileSync(path.join(build.distDir, file))), file).toBe(true);
      sent += body.byteLength;
    }
    expect(sent, `document page JavaScript as sent: ${scripts.join(', ')}`).toBeLessThanOrEqual(DOCUMENT_PAGE_BUDGET);
  });

  it('sends gzip to a browser without brotli, and the file as it is to one that accepts neither', async () => {
    const [documentChunk] = staticClosure(manifest, ['pages/Document.tsx']);
    const original = fs.readFileSync(path.join(build.distDir, documentChunk!));

    const gzipped = await get(`/${documentChunk}`, { 'accept-encoding': 'gzip' });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(zlib.gunzipSync(await bodyBytes(gzipped)).equals(original)).toBe(true);

    const plain = await get(`/${documentChunk}`);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toMatch(/accept-encoding/i);
    expect((await bodyBytes(plain)).equals(original)).toBe(true);
  });

  it('serves a small index.html that is never cached, and keeps the build manifest to itself', async () => {
    const page = await get('/d/some-document', { 'accept-encoding': 'br' });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-encoding')).toBe('br');
    const html = zlib.brotliDecompressSync(await bodyBytes(page)).toString('utf8');
    expect(html).toContain('<div id="root">');
    expect(Buffer.byteLength(html)).toBeLessThan(4 * 1024);

    const hidden = await get('/.vite/manifest.json');
    expect(hidden.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('answers compressed on the fly', () => {
  it('gzips JSON, and leaves DOCX exports (zip files already) and small answers alone', async () => {
    const owner = app.client();
    await owner.signup('Olga Owner');
    const workspaceId = await owner.workspace('Cardiology group');
    let docId = '';
    for (let i = 0; i < 12; i += 1) docId = await owner.document(workspaceId, `Trial protocol, site ${i}`);
    const asBrowser = { cookie: owner.cookie, 'accept-encoding': 'gzip, deflate, br' };

    const list = await get(`/api/workspaces/${workspaceId}/documents`, asBrowser);
    expect(list.status).toBe(200);
    expect(list.headers.get('content-encoding')).toBe('gzip');
    expect(list.headers.get('vary')).toMatch(/accept-encoding/i);
    const listed = JSON.parse(zlib.gunzipSync(await bodyBytes(list)).toString('utf8')) as { documents: unknown[] };
    expect(listed.documents).toHaveLength(12);

    const docx = await get(`/api/documents/${docId}/export?format=docx`, asBrowser);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-encoding')).toBeNull();
    expect((await bodyBytes(docx)).subarray(0, 2).toString('latin1')).toBe('PK');

    const health = await get('/healthz', { 'accept-encoding': 'gzip' });
    expect(health.headers.get('content-encoding')).toBeNull();
    expect(await health.json()).toEqual({ ok: true });
  });
});
