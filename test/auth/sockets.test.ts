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
import { ApiClient, goodPassword } from './api-client.js';

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
  it.each(['viewer'])('a %s sees edits, but its own updates change nothing and reach no one', async (role) => {
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

describe('commenters', () => {
  // Commenters write the body through the suggestion guard (test/features/suggestions.test.ts): an
  // update that is not a suggestion of theirs closes the socket with 4403 and changes nothing.
  it('a commenter sees edits, but an update that is not their suggestion closes with 4403, changes nothing and reaches no one', async () => {
    const server = await start();
    const { owner, doc, member } = await group(server);
    const { client: reader } = await member('Reader commenter', 'commenter');
    const writer = await client(owner, doc);
    const commenter = await client(reader, doc);
    const codes = closeCodes(commenter);

    writer.text.insert(0, 'approved text');
    await waitFor(() => commenter.text.toString() === 'approved text', { what: 'commenter sees the writer' });
    commenter.text.insert(0, 'VANDALISM ');
    await waitFor(() => codes.includes(CloseCode.Forbidden), { what: '4403 for the commenter' });

    writer.text.insert(writer.text.length, ' (v2)');
    await waitFor(() => writer.text.toString() === 'approved text (v2)', { what: 'later edit' });
    const late = await client(owner, doc);
    await waitFor(() => late.text.toString() === 'approved text (v2)', { what: 'late joiner' });
    expect(server.hub.registry.peek(doc)?.doc.getText('t').toString()).toBe('approved text (v2)');
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

  it('a password change closes the other sessions’ sockets with 4401 at once and keeps this session’s', async () => {
    // An hour between sweeps: the sockets must be closed by the change itself, not found later.
    const server = await start({ auth: { sweepIntervalMs: 3_600_000 } });
    const { owner, ownerUser, doc } = await group(server);
    const phone = new ApiClient(server.url);
    expect((await phone.post('/api/auth/login', { email: ownerUser.email, password: goodPassword })).status).toBe(200);
    const laptopSocket = await open(server, owner, doc);
    const phoneSocket = await open(server, phone, doc);
    const closed = closeOf(phoneSocket);
    const changed = await owner.post('/api/me/password', { currentPassword: goodPassword, newPassword: 'a much longer passphrase for 2025' });
    expect(changed.status).toBe(200);
    expect((await closed).code).toBe(CloseCode.Unauthenticated);
    expect(laptopSocket.readyState).toBe(laptopSocket.OPEN);
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

  it('a lowered role closes the member’s sockets with 4001; the reconnect is read-only, so their writes are dropped', async () => {
    const server = await start();
    const { owner, doc, member } = await group(server);
    const { client: editor, user } = await member('Ed', 'editor');
    const demoted = await client(editor, doc);
    const codes = closeCodes(demoted);
    const writer = await client(owner, doc);
    demoted.text.insert(0, 'draft ');
    await waitFor(() => writer.text.toString() === 'draft ', { what: 'the editor’s edit while still an editor' });

    const ws = await workspaceOf(owner, doc);
    expect((await owner.patch(`/api/workspaces/${ws}/members/${user.id}`, { role: 'viewer' })).status).toBe(200);
    await waitFor(() => codes.includes(CloseCode.AccessChanged), { what: '4001 for the demoted editor' });
    // Typed during the blip: sent on the reconnect (or after it), and dropped like any viewer's write.
    const before = await droppedWrites(server);
    demoted.text.insert(0, 'typed in the blip ');
    // A stock y-websocket client reconnects by itself, and gets the viewer's read-only grant.
    await waitFor(() => demoted.provider.synced && openConnectionsOf(server, user.id).length === 1, { what: 'the reconnect' });
    expect(openConnectionsOf(server, user.id)[0]?.grant.canWrite).toBe(false);
    await waitFor(async () => (await droppedWrites(server)) > before, { what: 'the blip’s write dropped' });

    const afterBlip = await droppedWrites(server);
    demoted.text.insert(0, 'still trying ');
    await waitFor(async () => (await droppedWrites(server)) > afterBlip, { what: 'a later write dropped' });
    writer.text.insert(writer.text.length, 'x');
    await waitFor(() => demoted.text.toString().endsWith('x'), { what: 'relay alive' });
    expect(writer.text.toString()).toBe('draft x');
    expect(server.hub.registry.peek(doc)?.doc.getText('t').toString()).toBe('draft x');
    expect(codes).not.toContain(CloseCode.Forbidden);
  });

  it('a raised role closes the member’s sockets with 4001; after the reconnect their edits reach others', async () => {
    const server = await start();
    const { owner, doc, member } = await group(server);
    const { client: viewer, user } = await member('Vera', 'viewer');
    const promoted = await client(viewer, doc);
    const codes = closeCodes(promoted);
    const writer = await client(owner, doc);
    const ws = await workspaceOf(owner, doc);

    // The same role again changes no rights: the socket stays (the close would be synchronous, before the answer).
    expect((await owner.patch(`/api/workspaces/${ws}/members/${user.id}`, { role: 'viewer' })).status).toBe(200);
    expect(openConnectionsOf(server, user.id)).toHaveLength(1);

    expect((await owner.patch(`/api/workspaces/${ws}/members/${user.id}`, { role: 'editor' })).status).toBe(200);
    await waitFor(() => codes.includes(CloseCode.AccessChanged), { what: '4001 for the promoted viewer' });
    await waitFor(() => promoted.provider.synced && openConnectionsOf(server, user.id)[0]?.grant.canWrite === true, { what: 'a writable reconnect' });
    promoted.text.insert(0, 'now an editor');
    await waitFor(() => writer.text.toString() === 'now an editor', { what: 'the promoted member’s edit reaches the owner' });
    expect(server.hub.registry.peek(doc)?.doc.getText('t').toString()).toBe('now an editor');
  });

  it('a profile change closes the user’s sockets with 4001, and others then see the new name and time zone', async () => {
    const server = await start();
    const { owner, ownerUser, doc, member } = await group(server);
    const { client: editor, user } = await member('Ed', 'editor');
    const renamed = await client(editor, doc);
    const codes = closeCodes(renamed);
    renewPresenceOnReconnect(renamed);
    renamed.provider.awareness.setLocalStateField('cursor', { anchor: 0 });
    const observer = await client(owner, doc);
    const observerCodes = closeCodes(observer);
    const seen = () => observer.provider.awareness.getStates().get(renamed.doc.clientID) as { user?: { id: string; name: string; timeZone: string } } | undefined;
    await waitFor(() => seen()?.user?.name === 'Ed', { what: 'the observer sees Ed' });

    // Nothing others see changed: no reconnect.
    expect((await editor.patch('/api/me', { name: 'Ed' })).status).toBe(200);
    expect(openConnectionsOf(server, user.id)).toHaveLength(1);

    expect((await editor.patch('/api/me', { name: 'Edward Editor', timeZone: 'Asia/Tokyo' })).status).toBe(200);
    await waitFor(() => codes.includes(CloseCode.AccessChanged), { what: '4001 after the profile change' });
    await waitFor(() => seen()?.user?.name === 'Edward Editor', { what: 'the observer sees the new name' });
    expect(seen()?.user).toMatchObject({ id: user.id, timeZone: 'Asia/Tokyo' });
    expect((seen() as { cursor?: unknown }).cursor).toEqual({ anchor: 0 });
    // Only that user's sockets reconnect.
    expect(observerCodes).toEqual([]);
    expect(openConnectionsOf(server, ownerUser.id)).toHaveLength(1);
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

/** Close codes a provider receives from now on, in order. */
function closeCodes(c: TestClient): number[] {
  const codes: number[] = [];
  c.provider.on('connection-close', (event) => {
    if (event) codes.push(event.code);
  });
  return codes;
}

/**
 * What the Confer client does on every reconnect (client/editor/watch-session.ts): a stock provider
 * re-sends its presence with the clock everyone saw it leave at, which awareness ignores.
 */
function renewPresenceOnReconnect(c: TestClient): void {
  c.provider.on('status', ({ status }) => {
    const state = c.provider.awareness.getLocalState();
    if (status === 'connected' && state !== null) c.provider.awareness.setLocalState(state);
  });
}

/** A user's live server-side connections (the ones a close has not reached). */
function openConnectionsOf(server: TestServer, userId: string) {
  return [...server.hub.connections].filter((c) => c.grant.identity.id === userId && !c.isClosed);
}

async function droppedWrites(server: TestServer): Promise<number> {
  return (await server.metrics.readOnlyDropped.get()).values[0]?.value ?? 0;
}

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
