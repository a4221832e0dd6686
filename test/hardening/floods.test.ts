/**
 * Floods and slow clients: per-connection message and byte budgets (over them a sender is slowed, and
 * closed only when it stays over for long), upgrade attempts per IP, a reader
 * that stops reading (terminated at the send-buffer cap while everyone else keeps receiving), and
 * half-open sockets (terminated by the heartbeat).
 */
import type { Socket } from 'node:net';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { limits } from '../../shared/limits.js';
import { CloseCode, MessageType, SyncStep, writeAwareness, writeAwarenessUpdate, writeQueryAwareness, writeSyncStep1 } from '../../shared/protocol/index.js';
import { closeOf, frameOfType, framesOf, upgradeStatus } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { useRelayFixture } from '../relay/relay-fixture.js';

const relay = useRelayFixture();

async function closesLabelled(s: TestServer, code: string): Promise<number> {
  const metric = await s.metrics.closes.get();
  return metric.values.find((v) => v.labels.code === code)?.value ?? 0;
}

/**
 * A sync step1 of about `bytes` that costs the server almost nothing to handle: Yjs reads the state
 * vector's first entry and never looks at the padding. So only the byte budget can stop a stream of
 * them, however slow the machine.
 */
function paddedStep1(bytes: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 0);
  encoding.writeUint8Array(e, new Uint8Array(bytes));
  return writeSyncStep1(encoding.toUint8Array(e));
}

/** An awareness frame setting `clientId`'s presence (at `clock`) to `state`. */
function presenceOf(clientId: number, clock: number, state: Record<string, unknown>): Uint8Array {
  return writeAwareness(writeAwarenessUpdate([{ clientId, clock, state, stateBytes: 0 }]));
}

/** Frames of a raw socket from index `from` on that are replies of one kind. */
function repliesOf(ws: WebSocket, isReply: (frame: Uint8Array) => boolean, from: number): number {
  return framesOf(ws).slice(from).filter(isReply).length;
}

/** The server's answer to a sync step1 (relayed updates are sync frames too, of subtype 2). */
const isSyncStep2 = (f: Uint8Array) => f[0] === MessageType.Sync && f[1] === SyncStep.Step2;
const isAwareness = (f: Uint8Array) => f[0] === MessageType.Awareness;

async function throttledEpisodes(s: TestServer): Promise<number> {
  return (await s.metrics.throttled.get()).values[0]?.value ?? 0;
}

describe('per-connection limits', () => {
  it('a sender over its byte budget is slowed, not closed: every frame is answered, and others are served meanwhile', async () => {
    const s = await relay.start();
    const [alice, bob] = [await relay.client(s, 'bytes'), await relay.client(s, 'bytes')];
    const ws = await relay.socket(s, 'bytes');
    await frameOfType(ws, MessageType.Sync);
    const from = framesOf(ws).length;
    let closed: number | null = null;
    ws.on('close', (code) => {
      closed = code;
    });
    const frame = paddedStep1(1024 * 1024);
    // Few messages (far under the message limit) but three times the byte burst.
    const count = Math.ceil((limits.maxBytesPerSecond * limits.rateBurstSeconds * 3) / frame.byteLength);
    for (let i = 0; i < count; i++) ws.send(frame);
    await waitFor(async () => (await throttledEpisodes(s)) > 0, { what: 'the sender throttled' });
    // Held back: the others' round trip completes while the sender still has frames waiting.
    alice.text.insert(0, 'still here');
    await waitFor(() => bob.text.toString() === 'still here', { what: 'others served during the flood' });
    expect(repliesOf(ws, isSyncStep2, from)).toBeLessThan(count);
    // Slowed, never dropped: each step1 gets its step2, and the socket stays open.
    await waitFor(() => closed !== null || repliesOf(ws, isSyncStep2, from) === count, { what: 'every frame answered', timeoutMs: 30_000 });
    expect(closed).toBeNull();
    expect(await closesLabelled(s, String(CloseCode.RateLimited))).toBe(0);
  });

  it('a flood of tiny frames is held back: the flooder is slowed while others keep their round trip', async () => {
    const s = await relay.start();
    const [alice, bob] = [await relay.client(s, 'tiny'), await relay.client(s, 'tiny')];
    const flooder = await relay.socket(s, 'tiny');
    await frameOfType(flooder, MessageType.Sync);
    const from = framesOf(flooder).length;
    // Each query is answered with an awareness frame: the answers count what the server has handled.
    const sent = limits.maxMessagesPerSecond * 50;
    for (let i = 0; i < sent; i++) flooder.send(writeQueryAwareness());
    await waitFor(async () => (await throttledEpisodes(s)) > 0, { what: 'the flooder throttled' });
    for (let round = 0; round < 5; round++) {
      alice.text.insert(0, `${round}`);
      await waitFor(() => bob.text.toString() === alice.text.toString(), { what: `round trip ${round} during the flood` });
    }
    expect(repliesOf(flooder, isAwareness, from)).toBeLessThan(sent);
    expect(flooder.readyState).toBe(flooder.OPEN);
  });

  it('an awareness flood is paced: stock clients echoing it stay within their own budget, and the last state arrives', async () => {
    const s = await relay.start();
    const [alice, bob] = [await relay.client(s, 'echo'), await relay.client(s, 'echo')];
    const closes: number[] = [];
    for (const c of [alice, bob]) c.provider.on('connection-close', (event) => closes.push(event?.code ?? -1));
    const flooder = await relay.socket(s, 'echo');
    await frameOfType(flooder, MessageType.Sync);
    // Each frame changes the flooder's presence; a stock provider sends every change it receives back.
    const count = limits.maxMessagesPerSecond * limits.rateBurstSeconds * 2;
    for (let i = 1; i <= count; i++) flooder.send(presenceOf(777_777, i, { n: i }));
    await waitFor(async () => (await throttledEpisodes(s)) > 0, { what: 'the flooder throttled' });
    alice.text.insert(0, 'still here');
    await waitFor(() => bob.text.toString() === 'still here', { what: 'others served during the flood' });
    const flooderState = () => alice.provider.awareness.getStates().get(777_777) as { n?: number } | undefined;
    await waitFor(() => flooderState()?.n === count, { what: "the flooder's last presence at alice", timeoutMs: 30_000 });
    // Only the flooder went over budget: the echoes of its presence did not push anyone else over.
    expect(await throttledEpisodes(s)).toBe(1);
    expect(closes).toEqual([]);
  });

  it('a sender that stays over budget for THROTTLE_CLOSE_AFTER_MS is closed with 4429; others keep working', async () => {
    const s = await relay.start({ THROTTLE_CLOSE_AFTER_MS: '500' });
    const [alice, bob] = [await relay.client(s, 'bytes'), await relay.client(s, 'bytes')];
    const ws = await relay.socket(s, 'bytes');
    await frameOfType(ws, MessageType.Sync);
    const closed = closeOf(ws);
    const frame = paddedStep1(1024 * 1024);
    // Many times the byte burst: over budget for far longer than the limit.
    for (let i = 0; i < (limits.maxBytesPerSecond * 12) / frame.byteLength; i++) ws.send(frame);
    expect((await closed).code).toBe(CloseCode.RateLimited);
    alice.text.insert(0, 'still here');
    await waitFor(() => bob.text.toString() === 'still here', { what: 'others still served' });
  });
});

describe('upgrade attempts per IP', () => {
  it('answers 429 with Retry-After before upgrading once an address is over its budget', async () => {
    const s = await relay.start({ UPGRADES_PER_IP_PER_MINUTE: '5' });
    const open: WebSocket[] = [];
    for (let i = 0; i < 5; i++) open.push(await relay.socket(s, `ip-${i}`));
    expect(await upgradeStatus(s.url, 'ip-over')).toBe(429);
    const retryAfter = await new Promise<string | undefined>((resolve, reject) => {
      const ws = new WebSocket(`${s.url.replace(/^http/, 'ws')}/collab/ip-over`);
      ws.on('error', () => undefined);
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.headers['retry-after']);
        res.resume();
        ws.terminate();
      });
      ws.once('open', () => reject(new Error('upgraded although over the budget')));
    });
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // The sockets already open are not affected.
    expect(open.every((ws) => ws.readyState === ws.OPEN)).toBe(true);
  });
});

describe('clients behind a reverse proxy', () => {
  const from = (address: string) => ({ 'X-Forwarded-For': `${address}, 127.0.0.1` });

  it('with TRUSTED_PROXIES, each forwarded client has its own upgrade budget', async () => {
    const s = await relay.start({ UPGRADES_PER_IP_PER_MINUTE: '2', TRUSTED_PROXIES: 'loopback' });
    expect(await upgradeStatus(s.url, 'proxied', from('203.0.113.7'))).toBe(101);
    expect(await upgradeStatus(s.url, 'proxied', from('203.0.113.7'))).toBe(101);
    expect(await upgradeStatus(s.url, 'proxied', from('203.0.113.7'))).toBe(429);
    // Another user behind the same proxy is not punished for the first one.
    expect(await upgradeStatus(s.url, 'proxied', from('198.51.100.20'))).toBe(101);
  });

  it('without TRUSTED_PROXIES, a forged X-Forwarded-For buys no fresh budget', async () => {
    const s = await relay.start({ UPGRADES_PER_IP_PER_MINUTE: '2' });
    expect(await upgradeStatus(s.url, 'forged', from('203.0.113.1'))).toBe(101);
    expect(await upgradeStatus(s.url, 'forged', from('203.0.113.2'))).toBe(101);
    expect(await upgradeStatus(s.url, 'forged', from('203.0.113.3'))).toBe(429);
  });
});

describe('slow consumers', () => {
  it('a reader that stops reading is terminated at the send-buffer cap while others keep receiving', { timeout: 120_000 }, async () => {
    const s = await relay.start();
    const writer = await relay.client(s, 'slow');
    const healthy = await relay.client(s, 'slow');
    const stalled = await relay.socket(s, 'slow');
    await frameOfType(stalled, MessageType.Sync);
    // Stop reading: the kernel buffers fill, then the server's send buffer grows.
    (stalled as unknown as { _socket: Socket })._socket.pause();
    const chunk = 'z'.repeat(256 * 1024);
    let sent = 0;
    let received = 0;
    healthy.doc.on('update', () => {
      received += 1;
    });
    // Insert and delete 256 KiB at a time: every frame is big, the document stays small.
    const target = Math.ceil((limits.maxSocketBufferedBytes * 3) / chunk.length);
    while (sent < target && (await closesLabelled(s, 'terminated')) === 0) {
      writer.text.insert(0, chunk);
      writer.text.delete(0, chunk.length);
      sent += 2;
      // Stay under the writer's own byte budget; delivery to the healthy reader is the pace.
      await waitFor(() => received >= sent, { what: `healthy reader got update ${sent}`, timeoutMs: 30_000 });
    }
    await waitFor(async () => (await closesLabelled(s, 'terminated')) === 1, { what: 'stalled reader terminated' });
    await waitFor(() => s.hub.registry.peek('slow')?.connections.size === 2, { what: 'stalled reader left the room' });
    // Delivery to everyone else goes on.
    writer.text.insert(0, 'after');
    await waitFor(() => healthy.text.toString() === 'after', { what: 'healthy reader still served' });
  });
});

describe('heartbeat', () => {
  it('terminates a socket that stops answering pings, and keeps one that answers', async () => {
    const s = await relay.start({ HEARTBEAT_INTERVAL_MS: '50' });
    const wsUrl = `${s.url.replace(/^http/, 'ws')}/collab/heartbeat`;
    const silent = new WebSocket(wsUrl, { autoPong: false });
    const lively = new WebSocket(wsUrl);
    relay.adopt(silent, lively);
    let livelyPings = 0;
    lively.on('ping', () => {
      livelyPings += 1;
    });
    await Promise.all([silent, lively].map((ws) => new Promise((resolve) => ws.once('open', resolve))));
    const silentClosed = closeOf(silent);
    expect((await silentClosed).code).toBe(1006);
    await waitFor(() => livelyPings >= 5, { what: 'the answering socket survives several pings' });
    expect(lively.readyState).toBe(lively.OPEN);
    expect(s.hub.registry.peek('heartbeat')?.connections.size).toBe(1);
  });
});
