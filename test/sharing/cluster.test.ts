/**
 * Sharing on two nodes over one PostgreSQL and one Redis: a guest's and a link reader's access work
 * on every node (the tables of migration 0014 on PostgreSQL), and revoking the link or removing the
 * guest on one node closes the sockets opened on the other; an invitation made on one node is accepted
 * on the other.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/index.js';
import { ApiClient, uniqueEmail } from '../auth/api-client.js';
import { closeOf, upgradeStatus } from '../helpers/clients.js';
import { createTestSchema, describeWithPostgres, type TestSchema } from '../helpers/postgres.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { addGuest, Opened, sharingScene } from './helpers.js';

function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (url) return url;
  if (process.env.CI === 'true') throw new Error('CI=true but REDIS_URL is not set: multi-node suites must run in CI');
  return 'redis://127.0.0.1:6379';
}

describeWithPostgres('sharing on two nodes (PostgreSQL + Redis)', (databaseUrl) => {
  let schema: TestSchema | null = null;
  const nodes: TestServer[] = [];
  const opened = new Opened();

  beforeEach(async () => {
    schema = await createTestSchema(databaseUrl);
  });

  afterEach(async () => {
    opened.close();
    for (const n of nodes.splice(0)) await n.dispose();
    await schema?.drop();
    schema = null;
  });

  async function twoNodes(): Promise<[TestServer, TestServer]> {
    const env = { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema?.name ?? '', REDIS_URL: redisUrl(), REDIS_PREFIX: `confer-test-${randomBytes(4).toString('hex')}:` };
    const a = await startTestServer({ env });
    nodes.push(a);
    const b = await startTestServer({ env });
    nodes.push(b);
    return [a, b];
  }

  /** The same person's headers for a socket on `node`. */
  const on = (node: TestServer, who: ApiClient) => ({ cookie: who.cookie, origin: node.url });

  it('revoking a link or removing a guest on one node closes their sockets on the other', async () => {
    const [a, b] = await twoNodes();
    expect(a.storage.engine).toBe('postgres');
    const scene = await sharingScene(a);
    await addGuest(scene, 'commenter');
    const made = await scene.owner.post(`/api/documents/${scene.shared}/links`, { days: 7 });
    expect(made.status).toBe(201);
    const { token, link } = made.body as { token: string; link: { id: string } };

    // Node B knows the guest and the link (same PostgreSQL).
    const guestOnB = new ApiClient(b.url);
    guestOnB.token = scene.guest.token;
    expect((await guestOnB.get(`/api/documents/${scene.shared}`)).status).toBe(200);
    expect((await guestOnB.get(`/api/documents/${scene.other}`)).status).toBe(404);
    expect((await new ApiClient(b.url).get(`/api/links/${token}`)).status).toBe(200);
    expect(await upgradeStatus(b.url, scene.other, on(b, scene.guest))).toBe(403);

    const reader = await opened.socket(b, `${scene.shared}?link=${token}`, { origin: b.url });
    const guest = await opened.socket(b, scene.shared, on(b, scene.guest));
    const owner = await opened.socket(b, scene.shared, on(b, scene.owner));
    const readerClosed = closeOf(reader);
    const guestClosed = closeOf(guest);

    expect((await scene.owner.delete(`/api/documents/${scene.shared}/links/${link.id}`)).status).toBe(204);
    expect((await readerClosed).code).toBe(CloseCode.Forbidden);
    expect((await scene.owner.delete(`/api/documents/${scene.shared}/guests/${scene.ids.guest}`)).status).toBe(204);
    expect((await guestClosed).code).toBe(CloseCode.Forbidden);
    expect(owner.readyState).toBe(owner.OPEN);
    expect(await upgradeStatus(b.url, `${scene.shared}?link=${token}`, { origin: b.url })).toBe(410);
    expect(await upgradeStatus(b.url, scene.shared, on(b, scene.guest))).toBe(403);

    // Someone without an account, invited on node A, signs up and accepts on node B.
    const email = uniqueEmail('board');
    const invited = await scene.owner.post(`/api/documents/${scene.shared}/guests`, { email, role: 'viewer' });
    expect(invited.status).toBe(201);
    const board = new ApiClient(b.url);
    await board.signup('Ethics Board', email);
    expect((await board.post(`/api/invites/${(invited.body as { token: string }).token}/accept`)).body).toEqual({ document: { id: scene.shared } });
    expect(await upgradeStatus(b.url, scene.shared, on(b, board))).toBe(101);
    expect(await upgradeStatus(a.url, scene.other, on(a, board))).toBe(403);
  });
});
