/**
 * Accounts, workspaces, invitations, documents and socket revocation on PostgreSQL: every metadata
 * query of server/storage (accounts, workspaces, invites, documents) runs here against a real
 * PostgreSQL in a fresh schema, including bigint timestamps coming back from pg as strings.
 */
import type { WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/index.js';
import { closeOf, rawSocket, upgradeStatus } from '../helpers/clients.js';
import { createTestSchema, describeWithPostgres, type TestSchema } from '../helpers/postgres.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ApiClient, errorOf, goodPassword } from './api-client.js';

const servers: TestServer[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  for (const s of servers.splice(0)) await s.dispose();
});

describeWithPostgres('accounts and permissions on PostgreSQL', (url) => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema(url);
  });
  afterAll(async () => {
    await schema?.drop();
  });

  it('runs the whole account, workspace, invitation, document and revocation flow', async () => {
    const clock = { now: Date.now() };
    const server = await startTestServer({
      env: { DATABASE_URL: url, DATABASE_SCHEMA: schema.name },
      auth: { now: () => clock.now, sessionInactivityMs: 60_000, sweepIntervalMs: 25 },
    });
    servers.push(server);
    expect(server.storage.engine).toBe('postgres');

    const owner = new ApiClient(server.url);
    const ownerUser = await owner.signup('Owner');
    expect((await new ApiClient(server.url).post('/api/auth/signup', { email: ownerUser.email, password: goodPassword, name: 'Dup' })).status).toBe(409);
    const me = await owner.patch('/api/me', { workingHours: { start: '09:00', end: '17:00' } });
    expect(me.body).toMatchObject({ user: { workingHours: { start: '09:00', end: '17:00' }, createdAt: expect.any(Number) } });

    const ws = await owner.workspace('PG group');
    expect((await owner.get('/api/workspaces')).body).toEqual({ workspaces: [{ id: ws, name: 'PG group', role: 'owner', createdAt: expect.any(Number) }] });
    const doc = await owner.document(ws, 'Protocol');
    const docView = (await owner.get(`/api/documents/${doc}`)).body as { document: Record<string, unknown> };
    expect(docView.document).toMatchObject({ createdAt: expect.any(Number), updatedAt: expect.any(Number), deletedAt: null });

    const editor = new ApiClient(server.url);
    const editorUser = await editor.signup('Editor');
    const invite = await owner.post(`/api/workspaces/${ws}/invites`, { role: 'editor', email: editorUser.email });
    expect(((await owner.get(`/api/workspaces/${ws}/invites`)).body as { invites: Array<{ expiresAt: unknown }> }).invites[0]?.expiresAt).toEqual(expect.any(Number));
    expect((await editor.post(`/api/invites/${(invite.body as { token: string }).token}/accept`)).status).toBe(200);
    const revoked = await owner.post(`/api/workspaces/${ws}/invites`, { role: 'viewer' });
    expect((await owner.delete(`/api/workspaces/${ws}/invites/${(revoked.body as { invite: { id: string } }).invite.id}`)).status).toBe(204);
    const stranger = new ApiClient(server.url);
    await stranger.signup('Stranger');
    expect(errorOf(await stranger.post(`/api/invites/${(revoked.body as { token: string }).token}/accept`)).code).toBe('invite_revoked');
    expect((await stranger.get(`/api/documents/${doc}`)).status).toBe(404);
    expect(await upgradeStatus(server.url, doc, stranger.socketHeaders())).toBe(403);

    expect(((await owner.get(`/api/workspaces/${ws}/members`)).body as { members: unknown[] }).members).toHaveLength(2);
    expect((await owner.patch(`/api/workspaces/${ws}/members/${ownerUser.id}`, { role: 'editor' })).status).toBe(409);

    // A new role makes the editor's socket reconnect for its rights (4001); trash and restore work.
    const editorSocket = await rawSocket(server.url, doc, editor.socketHeaders());
    sockets.push(editorSocket);
    const lowered = closeOf(editorSocket);
    expect((await owner.patch(`/api/workspaces/${ws}/members/${editorUser.id}`, { role: 'viewer' })).status).toBe(200);
    expect((await lowered).code).toBe(CloseCode.AccessChanged);
    expect((await owner.patch(`/api/documents/${doc}`, { title: 'Protocol v2' })).status).toBe(200);
    expect((await owner.delete(`/api/documents/${doc}`)).status).toBe(200);
    expect(((await owner.get(`/api/workspaces/${ws}/documents?trashed=1`)).body as { documents: unknown[] }).documents).toHaveLength(1);
    expect((await owner.post(`/api/documents/${doc}/restore`)).status).toBe(200);

    // Removal, then expiry through the sweep.
    const viewerSocket = await rawSocket(server.url, doc, editor.socketHeaders());
    sockets.push(viewerSocket);
    const removed = closeOf(viewerSocket);
    expect((await owner.delete(`/api/workspaces/${ws}/members/${editorUser.id}`)).status).toBe(204);
    expect((await removed).code).toBe(CloseCode.Forbidden);
    const ownerSocket = await rawSocket(server.url, doc, owner.socketHeaders());
    sockets.push(ownerSocket);
    const expired = closeOf(ownerSocket);
    clock.now += 61_000;
    expect((await expired).code).toBe(CloseCode.Unauthenticated);
    expect((await owner.get('/api/me')).status).toBe(401);
  });
});
