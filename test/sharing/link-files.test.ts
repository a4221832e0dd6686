/**
 * Figures' images through a read-only link, over real HTTP: the link's holder (signed out, or signed in
 * without access) gets the images of the link's document and of no other, with caching that never
 * outlives the link; revoked or expired (an injected clock, never a sleep), the link fetches nothing more.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pngBytes } from '../fixtures/images.js';
import { ApiClient, errorOf } from '../auth/api-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { sharingScene } from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;
const servers: TestServer[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) await s.dispose();
});

async function start(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

async function makeLink(owner: ApiClient, docId: string, days: number): Promise<{ token: string; id: string }> {
  const res = await owner.post(`/api/documents/${docId}/links`, { days });
  if (res.status !== 201) throw new Error(`link failed: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as { token: string; link: { id: string } };
  return { token: body.token, id: body.link.id };
}

/** Uploads an image to a document over HTTP, as the figure tool does; returns its address. */
async function upload(server: TestServer, who: ApiClient, docId: string, bytes: Uint8Array): Promise<string> {
  const form = new FormData();
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], 'gel.png', { type: 'image/png' }));
  const res = await fetch(`${server.url}/api/documents/${docId}/files`, { method: 'POST', body: form, headers: { cookie: who.cookie, origin: server.url } });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { file: { url: string } }).file.url;
}

/** A GET with a browser's image request headers (plus `headers`), signed out unless a cookie is given. */
function fetchImage(server: TestServer, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(server.url + path, { headers: { accept: 'image/*', ...headers } });
}

const withLink = (url: string, token: string) => `${url}?link=${encodeURIComponent(token)}`;

describe('images through a read-only link', () => {
  it('serve the link document\'s images to anyone with the link, privately and revalidated at each use', async () => {
    const server = await start();
    const scene = await sharingScene(server);
    const bytes = pngBytes(3);
    const url = await upload(server, scene.owner, scene.shared, bytes);
    const { token } = await makeLink(scene.owner, scene.shared, 7);

    // Without the link nobody outside gets it: signed out 401 (the API's session), signed in without access 404.
    expect((await fetchImage(server, url)).status).toBe(401);
    expect((await fetchImage(server, url, { cookie: scene.guest.cookie })).status).toBe(404);

    const signedOut = await fetchImage(server, withLink(url, token));
    expect(signedOut.status).toBe(200);
    expect(signedOut.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await signedOut.arrayBuffer())).toEqual(bytes);
    // Never immutable, never for shared caches: each use asks again, so the link's end ends it.
    expect(signedOut.headers.get('cache-control')).toBe('private, no-cache');
    expect(signedOut.headers.get('x-content-type-options')).toBe('nosniff');
    const etag = signedOut.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const revalidated = await fetchImage(server, withLink(url, token), { 'if-none-match': etag ?? '' });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('cache-control')).toBe('private, no-cache');

    // Signed in without access to the document: the link alone decides, as on the socket.
    const outsider = await fetchImage(server, withLink(url, token), { cookie: scene.guest.cookie });
    expect(outsider.status).toBe(200);
    expect(new Uint8Array(await outsider.arrayBuffer())).toEqual(bytes);

    // Members keep their own address and its long-lived caching.
    const member = await fetchImage(server, url, { cookie: scene.member.cookie });
    expect(member.status).toBe(200);
    expect(member.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
  });

  it('never open another document\'s files, whatever the path says', async () => {
    const server = await start();
    const scene = await sharingScene(server);
    const sharedUrl = await upload(server, scene.owner, scene.shared, pngBytes(4));
    const otherUrl = await upload(server, scene.owner, scene.other, pngBytes(5));
    const { token } = await makeLink(scene.owner, scene.shared, 7);
    const otherFileId = otherUrl.split('/').pop() ?? '';
    const sharedFileId = sharedUrl.split('/').pop() ?? '';

    // The other document's own address, with this link: 404, exactly as for a file that does not exist.
    const other = await fetchImage(server, withLink(otherUrl, token));
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain('Confidential');
    // The other document's file under the shared document's path: files belong to one document.
    expect((await fetchImage(server, withLink(`/api/documents/${scene.shared}/files/${otherFileId}`, token))).status).toBe(404);
    // The shared file under the other document's path, and the other path with a file it lacks.
    expect((await fetchImage(server, withLink(`/api/documents/${scene.other}/files/${sharedFileId}`, token))).status).toBe(404);
    // A token that is not a link, an empty one, or a tampered secret.
    expect((await fetchImage(server, withLink(sharedUrl, 'nonsense'))).status).toBe(404);
    expect((await fetchImage(server, withLink(sharedUrl, ''))).status).toBe(404);
    const tampered = `${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`;
    expect((await fetchImage(server, withLink(sharedUrl, tampered))).status).toBe(404);
    // Not the other route of files, which stays for signed-in readers only.
    expect((await fetchImage(server, withLink(`/api/files/${scene.shared}/${sharedFileId}`, token))).status).toBe(401);

    // A trashed document's images are gone for the link too.
    expect((await scene.owner.delete(`/api/documents/${scene.shared}`)).status).toBe(200);
    expect((await fetchImage(server, withLink(sharedUrl, token))).status).toBe(404);
  });

  it('fetch nothing after the link is revoked: 410, even when revalidating a cached copy', async () => {
    const server = await start();
    const scene = await sharingScene(server);
    const url = await upload(server, scene.owner, scene.shared, pngBytes(6));
    const { token, id } = await makeLink(scene.owner, scene.shared, 30);
    const first = await fetchImage(server, withLink(url, token));
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';

    expect((await scene.owner.delete(`/api/documents/${scene.shared}/links/${id}`)).status).toBe(204);
    const after = await fetchImage(server, withLink(url, token));
    expect(after.status).toBe(410);
    expect(after.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await after.json()) as { error: { code: string; message: string } }).error).toEqual({ code: 'gone', message: 'this link was revoked' });
    expect((await fetchImage(server, withLink(url, token), { 'if-none-match': etag })).status).toBe(410);
    // The owner still gets it, on their own address.
    expect((await fetchImage(server, url, { cookie: scene.owner.cookie })).status).toBe(200);
  });

  it('fetch nothing once the link has expired (injected clock)', async () => {
    const clock = { now: Date.now() };
    const server = await start({ auth: { now: () => clock.now } });
    const scene = await sharingScene(server);
    const url = await upload(server, scene.owner, scene.shared, pngBytes(7));
    const { token } = await makeLink(scene.owner, scene.shared, 1);

    clock.now += DAY - 1_000;
    expect((await fetchImage(server, withLink(url, token))).status).toBe(200);
    clock.now += 1_000;
    const expired = await fetchImage(server, withLink(url, token));
    expect(expired.status).toBe(410);
    expect(errorOf({ status: expired.status, headers: expired.headers, body: await expired.json() }).message).toBe('this link has expired');
  });
});
