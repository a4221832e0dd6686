/**
 * Several Confer nodes on one PostgreSQL and one Redis, no sticky sessions: clients spread across nodes
 * converge; kill -9 of a node loses nothing any client saw; a Redis restart loses nothing.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/index.js';
import { ApiClient, goodPassword } from '../auth/api-client.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { connectClient, type TestClient } from '../helpers/clients.js';
import { createTestSchema, describeWithPostgres, type TestSchema } from '../helpers/postgres.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/wait.js';

const clients: TestClient[] = [];
const nodes: ChildServer[] = [];
let schema: TestSchema | null = null;
let privateRedis: PrivateRedis | null = null;

function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (url) return url;
  if (process.env.CI === 'true') throw new Error('CI=true but REDIS_URL is not set: multi-node suites must run in CI');
  return 'redis://127.0.0.1:6379';
}

describeWithPostgres('several nodes (PostgreSQL + Redis)', (databaseUrl) => {
  let prefix = '';
  beforeEach(async () => {
    schema = await createTestSchema(databaseUrl);
    prefix = `confer-test-${randomBytes(4).toString('hex')}:`;
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const n of nodes.splice(0)) {
      n.child.kill('SIGKILL');
      await n.exited;
    }
    await privateRedis?.dispose();
    privateRedis = null;
    await schema?.drop();
    schema = null;
  });

  async function startNodes(count: number, redis: string, extraEnv: Record<string, string> = {}): Promise<ChildServer[]> {
    const started = await Promise.all(
      Array.from({ length: count }, () =>
        startChildServer({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema!.name, REDIS_URL: redis, REDIS_PREFIX: prefix, ...extraEnv }),
      ),
    );
    nodes.push(...started);
    return started;
  }

  function edit(c: TestClient, i: number): void {
    const t = c.text;
    if (t.length > 5 && i % 4 === 0) t.delete(Math.floor(Math.random() * (t.length - 2)), 2);
    else t.insert(Math.floor(Math.random() * (t.length + 1)), String.fromCharCode(97 + (i % 26)));
  }

  async function converged(group: TestClient[], what: string): Promise<string> {
    await waitFor(() => group.every((c) => c.text.toString() === group[0]!.text.toString()), { what, timeoutMs: 30_000 });
    return group[0]!.text.toString();
  }

  it('clients spread across three nodes converge', { timeout: 120_000 }, async () => {
    const [a, b, c] = await startNodes(3, redisUrl());
    for (const docId of ['grant', 'protocol']) {
      const group: TestClient[] = [];
      for (const node of [a!, b!, c!, a!, b!, c!]) group.push(await connectClient(node.url, docId));
      clients.push(...group);
      for (let i = 0; i < 30; i++) for (const cl of group) edit(cl, i);
      const text = await converged(group, `${docId} converged across nodes`);
      expect(text.length).toBeGreaterThan(0);
    }
  });

  it('kill -9 of a node: its clients move to another node and nothing anyone saw is lost', { timeout: 120_000 }, async () => {
    const [doomed, survivor, third] = await startNodes(3, redisUrl());
    const onDoomed = [await connectClient(doomed!.url, 'crash'), await connectClient(doomed!.url, 'crash')];
    const observer = await connectClient(survivor!.url, 'crash');
    const onThird = await connectClient(third!.url, 'crash');
    clients.push(...onDoomed, observer, onThird);
    let received = 0;
    observer.doc.on('update', () => (received += 1));
    const killAfter = 40 + Math.floor(Math.random() * 200);
    let i = 0;
    const stream = setInterval(() => {
      for (const cl of [...onDoomed, onThird]) edit(cl, i++);
    }, 3);
    try {
      await waitFor(() => received >= killAfter, { what: `${killAfter} updates seen across nodes`, timeoutMs: 60_000 });
      doomed!.child.kill('SIGKILL');
      await doomed!.exited;
    } finally {
      clearInterval(stream);
    }
    await waitFor(() => onDoomed.every((cl) => !cl.provider.wsconnected), { what: 'clients of the dead node disconnected' });
    const seen = Y.encodeStateAsUpdate(observer.doc);
    // A load balancer would send them elsewhere: same Y.Doc, new connection to a live node.
    const moved = await Promise.all(
      onDoomed.map(async (cl) => {
        cl.provider.destroy();
        const fresh = await connectClient(survivor!.url, 'crash');
        Y.applyUpdate(fresh.doc, Y.encodeStateAsUpdate(cl.doc));
        return fresh;
      }),
    );
    clients.push(...moved);
    for (let k = 0; k < 20; k++) for (const cl of [...moved, onThird]) edit(cl, k);
    const all = [...moved, observer, onThird];
    await converged(all, 'all clients converged after failover');
    const late = await connectClient(third!.url, 'crash');
    clients.push(late);
    await waitFor(() => late.text.toString() === observer.text.toString(), { what: 'late joiner on a surviving node' });
    const probe = new Y.Doc();
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(late.doc));
    const before = probe.getText('t').toString();
    Y.applyUpdate(probe, seen);
    expect(probe.getText('t').toString()).toBe(before);
  });

  it('a Redis restart mid-run loses nothing and the nodes catch up', { timeout: 120_000 }, async () => {
    privateRedis = await startPrivateRedis();
    const [a, b] = await startNodes(2, privateRedis.url);
    const onA = await connectClient(a!.url, 'outage');
    const onA2 = await connectClient(a!.url, 'outage');
    const onB = await connectClient(b!.url, 'outage');
    clients.push(onA, onA2, onB);
    onA.text.insert(0, 'before. ');
    await converged([onA, onA2, onB], 'before the outage');

    await privateRedis.stop();
    onA.text.insert(onA.text.length, 'from A during the outage. ');
    onB.text.insert(0, 'from B during the outage. ');
    // Each node keeps serving its own clients while Redis is away.
    await waitFor(() => onA2.text.toString().includes('from A during'), { what: 'node A still serves its clients' });

    await privateRedis.start();
    const text = await converged([onA, onA2, onB], 'converged after Redis returned');
    expect(text).toContain('from A during the outage');
    expect(text).toContain('from B during the outage');
    onB.text.insert(0, 'after. ');
    await converged([onA, onA2, onB], 'live again after the outage');
  });

  it('access changes on one node close sockets on another, and login throttling is shared', { timeout: 120_000 }, async () => {
    const [a, b] = await startNodes(2, redisUrl(), { CONFER_TEST_POLICY: 'session' });
    const owner = new ApiClient(a!.url);
    await owner.signup('Owner');
    const workspace = await owner.workspace('Consortium');
    const docId = await owner.document(workspace, 'Protocol');
    const member = new ApiClient(a!.url);
    const { id: memberId, email } = await member.signup('Member');
    await owner.addMember(workspace, member, 'editor');
    // The member works through node B; the owner removes them through node A.
    const memberOnB = new ApiClient(b!.url);
    memberOnB.token = member.token;
    const socket = await memberOnB.connect(docId);
    clients.push(socket);
    const codes: number[] = [];
    socket.provider.on('connection-close', (event) => {
      if (event) codes.push(event.code);
    });
    const removed = await owner.delete(`/api/workspaces/${workspace}/members/${memberId}`);
    expect(removed.status).toBeLessThan(300);
    await waitFor(() => codes.includes(CloseCode.Forbidden), { what: 'socket on the other node closed with 4403', timeoutMs: 10_000 });

    // Failed logins against the same account, alternating nodes: the budget is shared through Redis.
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      const node = new ApiClient(i % 2 === 0 ? a!.url : b!.url);
      const res = await node.post('/api/auth/login', { email, password: `${goodPassword} wrong` });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
  });
});
