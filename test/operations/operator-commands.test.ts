/**
 * The commands an operator runs, compiled and in child processes as package.json runs them: `npm start`
 * is plain `node` on emitted JavaScript (no TypeScript loader), and `npm run backup` taken while that
 * server is being written to restores (`npm run restore`) into a data directory on which a new server
 * has every account, every document and every figure's image. The server is compiled once for the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docToJson, toPlainText } from '../../server/text/index.js';
import { ApiClient, goodPassword } from '../auth/api-client.js';
import { pngBytes } from '../fixtures/images.js';
import type { TestClient } from '../helpers/clients.js';
import { buildCompiledServer, commandLineOf, runCompiledCommand, startCompiledServer, type CompiledServer } from '../helpers/compiled-server.js';
import { tempDir } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const servers: CompiledServer[] = [];
const clients: TestClient[] = [];
const dirs: string[] = [];

beforeAll(() => buildCompiledServer(), 120_000);

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function newDir(): string {
  const dir = tempDir('confer-ops-');
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string): Promise<CompiledServer> {
  const server = await startCompiledServer(dataDir);
  servers.push(server);
  return server;
}

/** Appends a paragraph the way the editor's Yjs binding writes one. */
function appendParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('default').push([paragraph]);
}

/** The document's text as a client that joins now receives it (sync replies wait for the commit). */
async function textThroughRelay(who: ApiClient, docId: string): Promise<string> {
  const joiner = await who.connect(docId);
  try {
    return toPlainText(docToJson(joiner.doc));
  } finally {
    joiner.destroy();
  }
}

async function exportMarkdown(who: ApiClient, docId: string): Promise<string> {
  const res = await fetch(`${who.baseUrl}/api/documents/${docId}/export?format=md`, { headers: { cookie: who.cookie, origin: who.origin } });
  expect(res.status).toBe(200);
  return res.text();
}

/** Uploads an image into a document's files (as the editor does) and returns the address a figure holds. */
async function uploadImage(who: ApiClient, docId: string, bytes: Uint8Array): Promise<string> {
  const form = new FormData();
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], 'gel.png', { type: 'image/png' }));
  const res = await fetch(`${who.baseUrl}/api/documents/${docId}/files`, { method: 'POST', body: form, headers: { cookie: who.cookie, origin: who.origin } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { file: { url: string } }).file.url;
}

/** Appends a figure showing `src`, as the editor's binding writes one (so the file collector keeps its file). */
function appendFigure(doc: Y.Doc, src: string): void {
  const figure = new Y.XmlElement('figure');
  figure.setAttribute('id', 'fig-backup');
  figure.setAttribute('src', src);
  figure.insert(0, [new Y.XmlText('A gel before the backup')]);
  doc.getXmlFragment('default').push([figure]);
}

/** The numbers of the `line N` paragraphs in `text`, in order. */
function lineNumbers(text: string): number[] {
  return [...text.matchAll(/line (\d+)/g)].map((m) => Number(m[1]));
}

describe('npm start', () => {
  it('runs the emitted JavaScript under plain node and serves the client', async () => {
    const server = await start(newDir());
    const argv = commandLineOf(server.child.pid!);
    expect(argv.join(' ')).not.toMatch(/tsx|--import|--loader|--require|--experimental-strip-types/);
    expect(argv.at(-1)).toMatch(/^dist\/server\/.*\.js$/);
    expect(fs.existsSync(path.resolve(import.meta.dirname, '..', '..', argv.at(-1)!))).toBe(true);

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    // The log writer thread (a worker started from a compiled module) commits: an edit round-trips.
    const owner = new ApiClient(server.url);
    await owner.signup('Olga Owner');
    const docId = await owner.document(await owner.workspace('Group'), 'Notes');
    const writer = await owner.connect(docId);
    clients.push(writer);
    appendParagraph(writer.doc, 'committed by the compiled server');
    await waitFor(async () => (await textThroughRelay(owner, docId)).includes('committed by the compiled server'), { what: 'the edit through a fresh joiner' });
    expect(await server.stop()).toBe(0);
  });
});

describe('npm run backup and npm run restore', () => {
  it('a backup taken while the server is written to restores every account, document and image', async () => {
    const liveDir = newDir();
    const live = await start(liveDir);
    const owner = new ApiClient(live.url);
    const colleague = new ApiClient(live.url);
    const ownerAccount = await owner.signup('Olga Owner');
    const colleagueAccount = await colleague.signup('Cem Colleague');
    const workspaceId = await owner.workspace('Cardiology group');
    await owner.addMember(workspaceId, colleague, 'editor');

    // Two finished documents, written by both people; the first shows an uploaded image in a figure.
    const finished = new Map<string, { text: string; markdown: string }>();
    const image = pngBytes(42);
    let imageSrc = '';
    for (const [title, author] of [['Trial protocol', owner], ['Grant proposal', colleague]] as const) {
      const docId = await owner.document(workspaceId, title);
      const client = await author.connect(docId);
      clients.push(client);
      if (!imageSrc) {
        imageSrc = await uploadImage(author, docId, image);
        appendFigure(client.doc, imageSrc);
      }
      for (let i = 0; i < 30; i += 1) appendParagraph(client.doc, `${title} paragraph ${i}`);
      const text = await waitFor(async () => {
        const seen = await textThroughRelay(owner, docId);
        return seen.includes(`${title} paragraph 29`) ? seen : '';
      }, { what: `${title} committed` });
      finished.set(docId, { text, markdown: await exportMarkdown(owner, docId) });
    }

    // A third document keeps being written, one paragraph per turn, before, during and after the backup.
    const busyId = await owner.document(workspaceId, 'Live notes');
    const writer = await colleague.connect(busyId);
    clients.push(writer);
    let written = 0;
    let writing = true;
    const writes = (async () => {
      while (writing) {
        appendParagraph(writer.doc, `line ${written}`);
        written += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const committedBefore = await waitFor(async () => {
      const lines = lineNumbers(await textThroughRelay(owner, busyId));
      return lines.length >= 50 ? lines.length : 0;
    }, { what: 'the live document committed 50 lines' });

    const backupFile = path.join(newDir(), 'confer-backup.sqlite');
    const backup = await runCompiledCommand('backup', [backupFile], { DATA_DIR: liveDir });
    const writtenDuringBackup = written;
    writing = false;
    await writes;
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('Backed up');
    // One self-contained file: no write-ahead log or journal needs to travel with it.
    expect(fs.readdirSync(path.dirname(backupFile))).toEqual(['confer-backup.sqlite']);
    expect((await runCompiledCommand('backup', [backupFile], { DATA_DIR: liveDir })).code).toBe(1);

    // Restore refuses a directory that holds anything, and leaves it as it was.
    const before = fs.readdirSync(liveDir).sort();
    const refused = await runCompiledCommand('restore', [backupFile, '--data-dir', liveDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not empty');
    expect(fs.readdirSync(liveDir).sort()).toEqual(before);

    const restoredDir = path.join(newDir(), 'restored');
    const restore = await runCompiledCommand('restore', [backupFile, '--data-dir', restoredDir]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    const restored = await start(restoredDir);

    // Accounts: both people sign in with their passwords.
    const ownerAgain = new ApiClient(restored.url);
    const colleagueAgain = new ApiClient(restored.url);
    for (const [client, account] of [[ownerAgain, ownerAccount], [colleagueAgain, colleagueAccount]] as const) {
      const login = await client.post('/api/auth/login', { email: account.email, password: goodPassword });
      expect(login.status).toBe(200);
    }
    const listed = await ownerAgain.get(`/api/workspaces/${workspaceId}/documents`);
    expect(listed.status).toBe(200);
    const titles = (listed.body as { documents: Array<{ title: string }> }).documents.map((d) => d.title).sort();
    expect(titles).toEqual(['Grant proposal', 'Live notes', 'Trial protocol']);

    // Finished documents: identical through the relay and the HTTP export.
    for (const [docId, expected] of finished) {
      expect(await textThroughRelay(colleagueAgain, docId)).toBe(expected.text);
      expect(await exportMarkdown(ownerAgain, docId)).toBe(expected.markdown);
    }
    // The live document is one moment of it: an unbroken run of lines, at least what was committed
    // when the backup started, at most what had been written when it ended.
    const lines = lineNumbers(await textThroughRelay(ownerAgain, busyId));
    expect(lines).toEqual(lines.map((_, i) => i));
    expect(lines.length).toBeGreaterThanOrEqual(committedBefore);
    expect(lines.length).toBeLessThanOrEqual(writtenDuringBackup);
    expect(lineNumbers(await exportMarkdown(ownerAgain, busyId))).toEqual(lines);

    // The image uploaded before the backup travelled inside the one backup file: the restored server serves the same bytes.
    const served = await fetch(`${restored.url}${imageSrc}`, { headers: { cookie: colleagueAgain.cookie } });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(image);
  });
});
