/**
 * PDF export, printed by the server's own Chromium: the file is tagged (a structure tree), has an
 * outline entry per heading, a title block, page numbers and the paper asked for; the renderer makes no
 * network request whatever the page names; a full queue answers 503 and a server without Chromium 501.
 * Read back with pdf.js, as a reader's PDF viewer would.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JSONContent } from '@tiptap/core';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { docToJson } from '../../server/text/index.js';
import { PdfBusyError, PdfRenderer } from '../../server/text/pdf/renderer.js';
import { everyNodeDocument } from '../../server/text/fixtures/every-node.js';
import { ApiClient } from '../auth/api-client.js';
import { browserTestsEnabled } from '../helpers/browser.js';
import type { TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { makeTeam, startFeatureServer, type Team, waitFor, write } from './setup.js';

const enabled = browserTestsEnabled();

/** The fixture with every node type, then enough text to need a few pages. */
const longDocument: JSONContent = {
  type: 'doc',
  content: [
    ...(everyNodeDocument.content ?? []),
    { type: 'heading', attrs: { level: 2, wordLimit: null }, content: [{ type: 'text', text: 'Appendix: sample handling' }] },
    ...Array.from({ length: 40 }, (_, i) => ({
      type: 'paragraph',
      content: [{ type: 'text', text: `Paragraph ${i + 1}. Samples are kept at four degrees and logged with the time of arrival, the courier and the condition of the seal, so that every later step can be traced.` }],
    })),
  ],
};

/** Heading texts of a document, in order. */
function headingsOf(json: JSONContent): string[] {
  const out: string[] = [];
  const walk = (node: JSONContent) => {
    if (node.type === 'heading') out.push((node.content ?? []).map((c) => c.text ?? '').join(''));
    for (const child of node.content ?? []) walk(child);
  };
  walk(json);
  return out;
}

async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
}

async function pageText(pdf: PDFDocumentProxy, n: number): Promise<string> {
  const content = await (await pdf.getPage(n)).getTextContent();
  return content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' ');
}

async function outlineTitles(pdf: PDFDocumentProxy): Promise<string[]> {
  const out: string[] = [];
  const walk = (items: Awaited<ReturnType<PDFDocumentProxy['getOutline']>>) => {
    for (const item of items ?? []) {
      out.push(item.title);
      walk(item.items);
    }
  };
  walk(await pdf.getOutline());
  return out;
}

/** A page's size in whole points, within the 2 points Chromium's inch rounding adds. */
function pageSize(page: Awaited<ReturnType<PDFDocumentProxy['getPage']>>): { width: number; height: number } {
  const [, , width = 0, height = 0] = page.view;
  const snap = (value: number, to: number) => (Math.abs(value - to) <= 2 ? to : Math.round(value));
  return { width: snap(width, width < 600 ? 595 : 612), height: snap(height, height > 820 ? 842 : 792) };
}

async function download(who: ApiClient, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(who.baseUrl + path, { headers: { cookie: who.cookie, origin: who.origin, ...headers } });
}

describe.runIf(enabled)('PDF export', () => {
  let server: TestServer;
  let team: Team;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    server = await startFeatureServer();
    team = await makeTeam(server, 'Cryo-EM grid preparation');
    const client = await team.owner.connect(team.docId);
    clients.push(client);
    write(client.doc, longDocument);
    await waitFor(async () => JSON.stringify(docToJson(await server.hub.readDocument(team.docId))).includes('Paragraph 40.'), { what: 'the document on the server' });
  });

  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.dispose();
  });

  it('is tagged, has an outline entry per heading, a title block and page numbers', async () => {
    const res = await download(team.viewer, `/api/documents/${team.docId}/export?format=pdf`, { 'accept-language': 'en-GB,en;q=0.8' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('Cryo-EM grid preparation.pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder('latin1').decode(bytes.subarray(0, 5))).toBe('%PDF-');

    const pdf = await openPdf(bytes);
    try {
      // Tagged: a structure tree in the catalogue, marked content on the pages.
      expect(new TextDecoder('latin1').decode(bytes)).toContain('/StructTreeRoot');
      expect(await pdf.getMarkInfo()).toMatchObject({ Marked: true });
      expect(await (await pdf.getPage(1)).getStructTree()).not.toBeNull();

      const headings = headingsOf(longDocument);
      expect(headings.length).toBeGreaterThan(3);
      const outline = await outlineTitles(pdf);
      for (const heading of headings) expect(outline).toContain(heading);

      expect(pdf.numPages).toBeGreaterThan(1);
      const first = await pageText(pdf, 1);
      // The title block: the title, the author, the date in the reader's language.
      expect(first).toContain('Olga Owner');
      expect(first).toMatch(/\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/);
      for (let n = 1; n <= pdf.numPages; n += 1) expect(await pageText(pdf, n)).toContain(`${n} / ${pdf.numPages}`);
      // A4 by default: 210 x 297 mm is 595 x 842 points (Chromium rounds to hundredths of an inch).
      expect(pageSize(await pdf.getPage(1))).toEqual({ width: 595, height: 842 });
    } finally {
      await pdf.destroy();
    }
  });

  it('prints on Letter when asked', async () => {
    const res = await download(team.owner, `/api/documents/${team.docId}/export?format=pdf&paper=letter`);
    expect(res.status).toBe(200);
    const pdf = await openPdf(new Uint8Array(await res.arrayBuffer()));
    try {
      expect(pageSize(await pdf.getPage(1))).toEqual({ width: 612, height: 792 });
    } finally {
      await pdf.destroy();
    }
  });

  it('answers 404 to someone outside the group and 400 to an unknown paper', async () => {
    const outsider = new ApiClient(server.url);
    await outsider.signup('Otto Outsider');
    expect((await download(outsider, `/api/documents/${team.docId}/export?format=pdf`)).status).toBe(404);
    expect((await download(team.owner, `/api/documents/${team.docId}/export?format=pdf&paper=a3`)).status).toBe(400);
  });
});

describe.runIf(enabled)('the PDF renderer', () => {
  const log = pino({ level: 'silent' });
  let renderer: PdfRenderer;
  let target: http.Server;
  let hits: string[];
  let base: string;

  beforeEach(async () => {
    renderer = new PdfRenderer({ log });
    hits = [];
    target = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('x');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await renderer.close();
    await new Promise<void>((resolve) => target.close(() => resolve()));
  });

  it('makes no network request, whatever the page names', async () => {
    const html = [
      '<!DOCTYPE html><html><head>',
      `<link rel="stylesheet" href="${base}/style.css">`,
      `<style>@import url("${base}/import.css"); body { background: url("${base}/bg.png"); } @font-face { font-family: x; src: url("${base}/font.woff2"); } p { font-family: x; }</style>`,
      '</head><body>',
      `<p>Hello</p><img src="${base}/figure.png" alt=""><iframe src="${base}/frame.html"></iframe>`,
      `<script src="${base}/script.js"></script><object data="${base}/object.pdf"></object>`,
      '</body></html>',
    ].join('');
    const pdf = await renderer.render(html, { paper: 'a4' });
    expect(new TextDecoder('latin1').decode(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(hits).toEqual([]);
    expect(renderer.blockedRequests).toBeGreaterThan(0);
  });

  it('refuses work beyond its queue instead of piling it up', async () => {
    const small = new PdfRenderer({ log, maxConcurrent: 1, maxQueued: 0 });
    try {
      const first = small.render('<p>one</p>', { paper: 'a4' });
      await expect(small.render('<p>two</p>', { paper: 'a4' })).rejects.toBeInstanceOf(PdfBusyError);
      expect((await first).byteLength).toBeGreaterThan(0);
      // The slot is free again once the first page is printed.
      expect((await small.render('<p>three</p>', { paper: 'letter' })).byteLength).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });
});

describe('PDF export without Chromium', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startFeatureServer({ CHROMIUM_PATH: '' });
  });

  afterAll(async () => {
    await server.dispose();
  });

  it('answers 501 with a clear message, and the other formats still work', async () => {
    const team = await makeTeam(server);
    const res = await download(team.owner, `/api/documents/${team.docId}/export?format=pdf`);
    expect(res.status).toBe(501);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'pdf_unavailable', message: expect.stringContaining('Chromium') });
    expect((await download(team.owner, `/api/documents/${team.docId}/export?format=md`)).status).toBe(200);
  });
});
