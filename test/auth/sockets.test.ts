/**
 * The relay under the session policy: upgrades, read-only roles, revocation of live sockets, and
 * awareness spoofing, with real sessions, real HTTP and real sockets.
 */
import type { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, writeAwareness, writeAwarenessUpdate } from '../../shared/protocol/index.js';
import { closeOf, connectClient, rawSocket, upgradeStatus, type TestClient } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { ApiClient } from './api-client.js';

const servers: TestServer[] = [];
const clients: TestClient[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.terminate();
  for (const s of servers.splice(0)) await s.dispose();
});

async function start(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer(options);
  servers.push(s);
  return s;
}

/** An owner with a workspace and a document, and helpers to add people to it. */
async function group(server: TestServer) {
  const owner = new ApiClient(server.url);
  const ownerUser = await owner.signup('Olga Owner');
  const ws = await owner.workspace('Grant team');
  const doc = await owner.document(ws, 'Proposal');
  const member = async (name: string, role: string) => {
    const client = new ApiClient(server.url);
    const user = await client.signup(name);
    await owner.addMember(ws, client, role);
    return { client, user };
  };
  return { owner, ownerUser, ws, doc, member };
}

async function open(server: TestServer, who: ApiClient, docId: string): Promise<WebSocket> {
  const ws = await rawSocket(server.url, docId, who.socketHeaders());
  sockets.push(ws);
  return ws;
}

async function client(who: ApiClient, docId: string): Promise<TestClient> {
  const c = await who.connect(docId);
  clients.push(c);
  return c;
}

describe('upgrade', () => {
  it('401 without a valid session, 403 for a foreign origin, other workspaces, unknown and trashed documents; 101 for members', async () => {
    const server = await start();
    const { owner, doc } = await group(server);
    const mallory = new ApiClient(server.url);
    await mallory.signup('Mallory');
    const ownDoc = await mallory.document(await mallory.workspace('Elsewhere'));

    expect(await upgradeStatus(server.url, doc, owner.socketHeaders())).toBe(101);
    expect(await upgradeStatus(server.url, doc, { origin: server.url })).toBe(401);
    expect(await upgradeStatus(server.url, doc, { origin: server.url, cookie: 'confer_session=aaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaa' })).toBe(401);
    const token = owner.token ?? '';
    expect(await upgradeStatus(server.url, doc, { origin: server.url, cookie: `confer_session=${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}` })).toBe(401);
    expect(await upgradeStatus(server.url, doc, { ...owner.socketHeaders(), origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(server.url, doc, mallory.socketHeaders())).toBe(403);
    expect(await upgradeStatus(server.url, 'no-such-document', mallory.socketHeaders())).toBe(403);
    expect(await upgradeStatus(server.url, ownDoc, mallory.socketHeaders())).toBe(101);

    await owner.delete(`/api/documents/${doc}`);
    expect(await upgradeStatus(server.url, doc, owner.socketHeaders())).toBe(403);
    await owner.post(`/api/documents/${doc}/restore`);
    expect(await upgradeStatus(server.url, doc, owner.socketHeaders())).toBe(101);

    await owner.post('/api/auth/logout');
    expect(await upgradeStatus(server.url, doc, { origin: server.url, cookie: `confer_session=${token}` })).toBe(401);
  });
});

describe('read-only roles', () => {
  it.each(['viewer', 'commenter'])('a %s sees edits, but its own updates change nothing and reach no one', async (role) => {
    const server = await start();
    const { owner, doc, member } = await group(server);
    const { client: reader } = await member(`Reader ${role}`, role);
    const writer = await client(owner, doc);
    const readOnly = await client(reader, doc);

    writer.text.insert(0, 'approved text');
    await waitFor(() => readOnly.text.toString() === 'approved text', { what: 'reader sees the writer' });

    const dropped = await server.metrics.readOnlyDropped.get();
    const before = dropped.values[0]?.value ?? 0;
    readOnly.text.insert(0, 'VANDALISM ');
    await waitFor(async () => ((await server.metrics.readOnlyDropped.get()).values[0]?.value ?? 0) > before, { what: 'dropped write' });

    writer.text.insert(writer.text.length, ' (v2)');
    await waitFor(() => readOnly.text.toString().includes('(v2)'), { what: 'later edit relayed' });
    expect(writer.text.toString()).toBe('approved text (v2)');
    expect(server.hub.registry.peek(doc)?.doc.getText('t').toString()).toBe('approved text (v2)');
    const late = await client(owner, doc);
    await waitFor(() => late.text.toString() === 'approved text (v2)', { what: 'late joiner' });
  });
});

describe('revocation of live sockets', () => {
  it('logout closes that session’s sockets with 4401 and leaves other sessions open', async () => {
    const server = await start();
    const { owner, doc, member } = await group(server);
    const { client: editor } = await member('Ed', 'editor');
    const ownerSocket = await open(server, owner, doc);
    const editorSocket = await open(server, editor, doc);
    const closed = closeOf(ownerSocket);
    expect((await owner.post('/api/auth/logout')).status).toBe(204);
    expect((await closed).code).toBe(CloseCode.Unauthenticated);
    expect(editorSocket.readyState).toBe(editorSocket.OPEN);
  });

  it('removal from the workspace closes the member’s sockets with 4403', async () => {
    const server = await start();
    const { owner, doc, member } = await group(server);
    const { client: editor, user } = await member('Ed', 'editor');
    const socket = await open(server, editor, doc);
    const closed = closeOf(socket);
    expect((await owner.delete(`/api/workspaces/${await workspaceOf(owner, doc)}/members/${user.id}`)).status).toBe(204);
    expect((await closed).code).toBe(CloseCode.Forbidden);
    expect(await upgradeStatus(server.url, doc, editor.socketHeaders())).toBe(403);
  });

  it('a lowered role closes writable sockets with 4403; the reconnect is read-only', async () => {
    const server = await start();
    const { owner, doc, member } = await group(server);
    const { client: editor, user } = await member('Ed', 'editor');
    const socket = await open(server, editor, doc);
    const closed = closeOf(socket);
    const ws = await workspaceOf(owner, doc);
    expect((await owner.patch(`/api/workspaces/${ws}/members/${user.id}`, { role: 'commenter' })).status).toBe(200);
    expect((await closed).code).toBe(CloseCode.Forbidden);
    const again = await client(editor, doc);
    const conn = [...server.hub.connections].find((c) => c.grant.identity.id === user.id && !c.isClosed);
    expect(conn?.grant.canWrite).toBe(false);
    const before = (await server.metrics.readOnlyDropped.get()).values[0]?.value ?? 0;
    again.text.insert(0, 'still trying');
    await waitFor(async () => ((await server.metrics.readOnlyDropped.get()).values[0]?.value ?? 0) > before, { what: 'dropped write' });
    const writer = await client(owner, doc);
    writer.text.insert(0, 'x');
    await waitFor(() => again.text.toString().includes('x'), { what: 'relay alive' });
    expect(server.hub.registry.peek(doc)?.doc.getText('t').toString()).toBe('x');
  });

  it('moving the document to the trash closes its sockets with 4403', async () => {
    const server = await start();
    const { owner, doc } = await group(server);
    const socket = await open(server, owner, doc);
    const closed = closeOf(socket);
    await owner.delete(`/api/documents/${doc}`);
    expect((await closed).code).toBe(CloseCode.Forbidden);
  });

  it('session expiry closes live sockets with 4401 (sweep) without any request; a renewed session keeps its socket', async () => {
    const clock = { now: Date.now() };
    const server = await start({ auth: { now: () => clock.now, sessionInactivityMs: 60_000, sweepIntervalMs: 25 } });
    const { owner, doc, member } = await group(server);
    const { client: idle } = await member('Idle', 'editor');
    const activeSocket = await open(server, owner, doc);
    const idleSocket = await open(server, idle, doc);
    const closed = closeOf(idleSocket);
    clock.now += 30_000;
    expect((await owner.get('/api/me')).status).toBe(200); // slides the owner's session to now + 60 s
    clock.now += 31_000; // the idle session is 61 s old, the owner's 31 s
    expect((await closed).code).toBe(CloseCode.Unauthenticated);
    expect(activeSocket.readyState).toBe(activeSocket.OPEN);
    expect((await idle.get('/api/me')).status).toBe(401);
  });
});

async function workspaceOf(owner: ApiClient, doc: string): Promise<string> {
  return ((await owner.get(`/api/documents/${doc}`)).body as { document: { workspaceId: string } }).document.workspaceId;
}

function awarenessFrame(clientId: number, clock: number, state: Record<string, unknown> | null): Uint8Array {
  return writeAwareness(writeAwarenessUpdate([{ clientId, clock, state, stateBytes: 0 }]));
}

describe('awareness spoofing', () => {
  it('setting or nulling another client’s state, or a forged `user`, has no effect on what others see', async () => {
    const server = await start();
    const { owner, ownerUser, doc, member } = await group(server);
    const { client: mallory, user: malloryUser } = await member('Mallory', 'editor');
    const victim = await client(owner, doc);
    victim.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
    const observer = await connectClient(server.url, doc, { headers: owner.socketHeaders() });
    clients.push(observer);
    const victimId = victim.doc.clientID;
    const seenVictim = () => observer.provider.awareness.getStates().get(victimId) as { user?: { id: string; name: string } } | undefined;
    await waitFor(() => seenVictim()?.user?.name === 'Olga Owner', { what: 'observer sees the victim' });

    const attacker = await open(server, mallory, doc);
    attacker.send(awarenessFrame(victimId, 1_000, { user: { id: 'x', name: 'Hacked' }, cursor: { anchor: 99 } }));
    attacker.send(awarenessFrame(victimId, 1_001, null));
    const fakeId = 777_777;
    attacker.send(awarenessFrame(fakeId, 1, { user: { id: ownerUser.id, name: 'Olga Owner', color: '#000000' }, cursor: null }));
    // A marker from the attacker's own client ID: once the observer sees it, every frame before it was handled.
    const markerId = 888_888;
    attacker.send(awarenessFrame(markerId, 1, { marker: true }));
    await waitFor(() => observer.provider.awareness.getStates().has(markerId), { what: 'attacker marker' });

    expect(seenVictim()?.user).toMatchObject({ id: ownerUser.id, name: 'Olga Owner' });
    expect((observer.provider.awareness.getStates().get(victimId) as { cursor?: unknown }).cursor).toEqual({ anchor: 1 });
    const forged = observer.provider.awareness.getStates().get(fakeId) as { user?: { id: string; name: string } } | undefined;
    expect(forged?.user).toMatchObject({ id: malloryUser.id, name: 'Mallory' });
    expect(attacker.readyState).toBe(attacker.OPEN);

    // When the attacker leaves, its own entries go; the victim's stays.
    attacker.close();
    await waitFor(() => !observer.provider.awareness.getStates().has(markerId), { what: 'attacker presence removed' });
    expect(seenVictim()?.user?.name).toBe('Olga Owner');
  });
});
