/**
 * Read-only links over real HTTP and sockets: anyone with the link reads the document, signed in or
 * not, but cannot write and neither sees nor shows presence; revoking the link or its expiry (an
 * injected clock, never a sleep) closes the sockets opened through it, and an ended link answers 410.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/index.js';
import { ApiClient, errorOf } from '../auth/api-client.js';
import { closeOf, connectClient, upgradeStatus } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { droppedWrites, Opened, sharingScene } from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;
const servers: TestServer[] = [];
const opened = new Opened();

afterEach(async () => {
  opened.close();
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

/** Headers of a browser on our origin without any session. */
const anonymous = (server: TestServer) => ({ origin: server.url });

describe('read-only links', () => {
  it('open the document for anyone, signed in or not; the token is stored only as a hash', async () => {
    const server = await start();
    const scene = await sharingScene(server);
    const before = Date.now();
    const { token, id } = await makeLink(scene.owner, scene.shared, 7);

    const stranger = new ApiClient(server.url);
    const preview = await stranger.get(`/api/links/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ link: { documentId: scene.shared, title: 'Ethics protocol', expiresAt: expect.any(Number) } });
    expect((preview.body as { link: { expiresAt: number } }).link.expiresAt).toBeGreaterThanOrEqual(before + 7 * DAY);
    expect((await stranger.get(`/api/links/${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`)).status).toBe(404);
    // The link opens the socket, not the signed-in API.
    expect((await stranger.get(`/api/documents/${scene.shared}`)).status).toBe(401);

    const listed = (await scene.owner.get(`/api/documents/${scene.shared}/links`)).body as { links: Array<Record<string, unknown>> };
    expect(listed.links).toEqual([expect.objectContaining({ id, createdBy: { id: scene.ids.owner, name: 'Olga Owner' } })]);
    expect(JSON.stringify(listed)).not.toContain(token.split('.')[1]);
    const row = await server.storage.db.selectFrom('doc_links').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token.split('.')[1]);

    const writer = opened.client(await scene.owner.connect(scene.shared));
    writer.text.insert(0, 'for the ethics board');
    const reader = opened.client(await connectClient(server.url, scene.shared, { headers: anonymous(server), params: { link: token } }));
    await waitFor(() => reader.text.toString() === 'for the ethics board', { what: 'the link reader reads' });
    // Signed in as someone outside the group: the link still opens it, read-only.
    const outsider = opened.client(await connectClient(server.url, scene.shared, { headers: scene.guest.socketHeaders(), params: { link: token } }));
    await waitFor(() => outsider.text.toString() === 'for the ethics board', { what: 'a signed-in outsider reads through the link' });

    // Only its own document: not the comments, not another document of the group.
    expect(await upgradeStatus(server.url, `${scene.other}?link=${token}`, anonymous(server))).toBe(403);
    expect(await upgradeStatus(server.url, `${scene.shared}--comments?link=${token}`, anonymous(server))).toBe(403);
    expect(await upgradeStatus(server.url, `${scene.shared}?link=nonsense`, anonymous(server))).toBe(403);
    expect(await upgradeStatus(server.url, scene.shared, anonymous(server))).toBe(401);
  });

  it('a link reader cannot write, and neither sees nor shows presence', async () => {
    const server = await start();
    const scene = await sharingScene(server);
    const { token } = await makeLink(scene.owner, scene.shared, 1);
    const writer = opened.client(await scene.owner.connect(scene.shared));
    const observer = opened.client(await scene.member.connect(scene.shared));
    const reader = opened.client(await connectClient(server.url, scene.shared, { headers: anonymous(server), params: { link: token } }));

    // The owner's cursor reaches a member; the text typed after it reaches the reader, the cursor never does.
    writer.provider.awareness.setLocalStateField('cursor', { anchor: 0 });
    await waitFor(() => observer.provider.awareness.getStates().has(writer.doc.clientID), { what: 'the member sees the owner’s presence' });
    writer.text.insert(0, 'typed after the cursor');
    await waitFor(() => reader.text.toString() === 'typed after the cursor', { what: 'the reader gets the later text' });
    expect([...reader.provider.awareness.getStates().keys()]).toEqual([reader.doc.clientID]);

    // The reader's own presence, then a write: the write is dropped, so the presence frame before it was handled too.
    reader.provider.awareness.setLocalStateField('cursor', { anchor: 3 });
    const before = await droppedWrites(server);
    reader.text.insert(0, 'VANDALISM ');
    await waitFor(async () => (await droppedWrites(server)) > before, { what: 'the reader’s write dropped' });
    expect(server.hub.registry.peek(scene.shared)?.awareness.getStates().has(reader.doc.clientID)).toBe(false);
    writer.text.insert(writer.text.length, '.');
    await waitFor(() => observer.text.toString().endsWith('.'), { what: 'relay alive' });
    expect(observer.provider.awareness.getStates().has(reader.doc.clientID)).toBe(false);
    expect(writer.text.toString()).toBe('typed after the cursor.');
    expect(server.hub.registry.peek(scene.shared)?.doc.getText('t').toString()).toBe('typed after the cursor.');
  });

  it('revoking a link closes the sockets opened through it with 4403; it then answers 410', async () => {
    const server = await start();
    const scene = await sharingScene(server);
    const revoked = await makeLink(scene.owner, scene.shared, 30);
    const kept = await makeLink(scene.owner, scene.shared, 30);
    const first = await opened.socket(server, `${scene.shared}?link=${revoked.token}`, anonymous(server));
    const second = await opened.socket(server, `${scene.shared}?link=${revoked.token}`, scene.guest.socketHeaders());
    const other = await opened.socket(server, `${scene.shared}?link=${kept.token}`, anonymous(server));
    const ownerSocket = await opened.socket(server, scene.shared, scene.owner.socketHeaders());
    const closed = [closeOf(first), closeOf(second)];

    // Only owners and editors of the group manage links.
    expect((await scene.guest.delete(`/api/documents/${scene.shared}/links/${revoked.id}`)).status).toBe(404);
    expect((await scene.owner.delete(`/api/documents/${scene.shared}/links/${revoked.id}`)).status).toBe(204);
    for (const c of await Promise.all(closed)) expect(c.code).toBe(CloseCode.Forbidden);
    expect(other.readyState).toBe(other.OPEN);
    expect(ownerSocket.readyState).toBe(ownerSocket.OPEN);

    const gone = await new ApiClient(server.url).get(`/api/links/${revoked.token}`);
    expect(gone.status).toBe(410);
    expect(errorOf(gone).code).toBe('gone');
    expect(await upgradeStatus(server.url, `${scene.shared}?link=${revoked.token}`, anonymous(server))).toBe(410);
    expect((await scene.owner.delete(`/api/documents/${scene.shared}/links/${revoked.id}`)).status).toBe(404);
    const live = (await scene.owner.get(`/api/documents/${scene.shared}/links`)).body as { links: Array<{ id: string }> };
    expect(live.links.map((l) => l.id)).toEqual([kept.id]);

    type Activity = { activity: Array<{ kind: string; detail: string | null }> };
    const log = ((await scene.owner.get(`/api/workspaces/${scene.workspaceId}/activity`)).body as Activity).activity;
    expect(log.filter((a) => a.kind.startsWith('link-')).map((a) => [a.kind, a.detail])).toEqual([
      ['link-revoked', null],
      ['link-created', '30 days'],
      ['link-created', '30 days'],
    ]);
  });

  it('an expired link closes its sockets and answers 410 on HTTP and on the upgrade (injected clock)', async () => {
    const clock = { now: Date.now() };
    const server = await start({ auth: { now: () => clock.now, sweepIntervalMs: 25 } });
    const scene = await sharingScene(server);
    const { token } = await makeLink(scene.owner, scene.shared, 1);
    const socket = await opened.socket(server, `${scene.shared}?link=${token}`, anonymous(server));
    const ownerSocket = await opened.socket(server, scene.shared, scene.owner.socketHeaders());
    const closed = closeOf(socket);

    clock.now += DAY - 1_000;
    expect((await new ApiClient(server.url).get(`/api/links/${token}`)).status).toBe(200);
    clock.now += 1_000;
    expect((await closed).code).toBe(CloseCode.Forbidden);
    expect(ownerSocket.readyState).toBe(ownerSocket.OPEN);
    const gone = await new ApiClient(server.url).get(`/api/links/${token}`);
    expect(gone.status).toBe(410);
    expect(errorOf(gone).message).toBe('this link has expired');
    expect(await upgradeStatus(server.url, `${scene.shared}?link=${token}`, anonymous(server))).toBe(410);
    expect(((await scene.owner.get(`/api/documents/${scene.shared}/links`)).body as { links: unknown[] }).links).toEqual([]);
  });

  it('are made only by owners and editors of the group, for 1, 7 or 30 days', async () => {
    const server = await start();
    const scene = await sharingScene(server);
    const commenter = new ApiClient(server.url);
    await commenter.signup('Cem Commenter');
    await scene.owner.addMember(scene.workspaceId, commenter, 'commenter');
    const path = `/api/documents/${scene.shared}/links`;
    expect((await commenter.post(path, { days: 7 })).status).toBe(403);
    expect((await scene.member.post(path, { days: 7 })).status).toBe(201);
    expect((await scene.owner.post(path, { days: 2 })).status).toBe(400);
    expect((await scene.guest.post(path, { days: 7 })).status).toBe(404);
    expect((await new ApiClient(server.url).post(path, { days: 7 })).status).toBe(401);
  });
});
