/**
 * Copying a figure's file between documents (POST /api/documents/:id/files/copy) over real HTTP on a
 * real server: the copy is served to a reader of only the target; the source must be readable (404
 * otherwise, as for a missing file), the target writable (403), and the target's limits hold (413).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../auth/api-client.js';
import { pngBytes, pngOfSize } from '../fixtures/images.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

interface FileAnswer {
  status: number;
  body: { file?: { id: string; url: string; contentType: string; byteSize: number }; error?: { code: string } };
}

async function upload(who: ApiClient, docId: string, bytes: Uint8Array): Promise<string> {
  const form = new FormData();
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], 'gel.png', { type: 'image/png' }));
  const res = await fetch(`${who.baseUrl}/api/documents/${docId}/files`, { method: 'POST', body: form, headers: { cookie: who.cookie, origin: who.origin } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { file: { id: string } }).file.id;
}

async function copy(who: ApiClient, into: string, body: unknown): Promise<FileAnswer> {
  const answer = await who.post(`/api/documents/${into}/files/copy`, body);
  return { status: answer.status, body: answer.body as FileAnswer['body'] };
}

async function download(who: ApiClient, url: string): Promise<{ status: number; bytes: Uint8Array }> {
  const res = await fetch(`${who.baseUrl}${url}`, { headers: { cookie: who.cookie } });
  return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('copying a figure\'s file into another document', () => {
  let server: TestServer;
  /** Owner of both groups. */
  let author: ApiClient;
  /** A viewer of the target's group only. */
  let reader: ApiClient;
  /** Owner of a group of their own, with no access to the source. */
  let stranger: ApiClient;
  let sourceDoc: string;
  let targetDoc: string;
  let strangerDoc: string;

  beforeAll(async () => {
    server = await startTestServer({ files: { maxFileBytes: 4096, maxDocumentFileBytes: 6000 } });
    author = new ApiClient(server.url);
    reader = new ApiClient(server.url);
    stranger = new ApiClient(server.url);
    await author.signup('Ada Author');
    await reader.signup('Rui Reader');
    await stranger.signup('Sam Stranger');
    sourceDoc = await author.document(await author.workspace('Lab notes'), 'Gels');
    const grantGroup = await author.workspace('Grant team');
    await author.addMember(grantGroup, reader, 'viewer');
    targetDoc = await author.document(grantGroup, 'Proposal');
    strangerDoc = await stranger.document(await stranger.workspace('Elsewhere'), 'Mine');
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('stores the bytes under the target, where a reader of only the target is served them', async () => {
    const bytes = pngBytes(7);
    const fileId = await upload(author, sourceDoc, bytes);
    // Before the copy the reader cannot see the image: it belongs to a document they cannot read.
    expect((await download(reader, `/api/documents/${sourceDoc}/files/${fileId}`)).status).toBe(404);

    const copied = await copy(author, targetDoc, { fromDoc: sourceDoc, fileId });
    expect(copied.status).toBe(201);
    expect(copied.body.file).toEqual({ id: fileId, url: `/api/documents/${targetDoc}/files/${fileId}`, contentType: 'image/png', byteSize: bytes.byteLength });
    const served = await download(reader, copied.body.file!.url);
    expect(served.status).toBe(200);
    expect(served.bytes).toEqual(bytes);
    // Copying the same file again is harmless and answers the same address.
    const again = await copy(author, targetDoc, { fromDoc: sourceDoc, fileId });
    expect(again.status).toBe(201);
    expect(again.body.file?.url).toBe(copied.body.file!.url);
  });

  it('answers 404 when the caller cannot read the source, exactly as for a file that does not exist', async () => {
    const fileId = await upload(author, sourceDoc, pngBytes(8));
    const hidden = await copy(stranger, strangerDoc, { fromDoc: sourceDoc, fileId });
    expect(hidden.status).toBe(404);
    const missing = await copy(author, targetDoc, { fromDoc: sourceDoc, fileId: 'a'.repeat(64) });
    expect(missing.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect((await download(stranger, `/api/documents/${strangerDoc}/files/${fileId}`)).status).toBe(404);
  });

  it('lets only those who may edit the target copy into it', async () => {
    const fileId = await upload(author, targetDoc, pngBytes(9));
    const refused = await copy(reader, targetDoc, { fromDoc: targetDoc, fileId });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('forbidden');
    // A document the caller cannot see at all is a 404, whatever the source.
    expect((await copy(stranger, targetDoc, { fromDoc: strangerDoc, fileId })).status).toBe(404);
  });

  it('counts the copy against the target\'s limits', async () => {
    const fresh = await author.document(await author.workspace('Full group'), 'Full');
    await upload(author, fresh, pngOfSize(3500, 1));
    const big = await upload(author, sourceDoc, pngOfSize(3000, 2));
    const full = await copy(author, fresh, { fromDoc: sourceDoc, fileId: big });
    expect(full.status).toBe(413);
    expect(full.body.error?.code).toBe('document_files_full');
  });

  it('refuses malformed input with field messages', async () => {
    const bad = await copy(author, targetDoc, { fromDoc: '../etc', fileId: 'not-a-hash' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('invalid_input');
  });
});
