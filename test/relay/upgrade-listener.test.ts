/**
 * The upgrade listener (server/http/upgrade-listener.ts): only a real WebSocket upgrade that the relay
 * route accepts gets a 101; a refusal keeps the route's status and headers; a plain request that
 * merely carries `Upgrade: websocket` is told to upgrade (426) instead of being taken for one; the
 * sockets of the route leave the hub when they close.
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { upgradeStatus } from '../helpers/clients.js';
import { waitFor } from '../helpers/wait.js';
import { useRelayFixture } from './relay-fixture.js';

const relay = useRelayFixture();

/** Sends raw HTTP/1.1 bytes and resolves with everything the server wrote before closing. */
function rawHttp(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('upgrade listener', () => {
  it('refuses with the route status and headers and no body', async () => {
    const s = await relay.start({ UPGRADES_PER_IP_PER_MINUTE: '1' });
    expect(await upgradeStatus(s.url, 'bad id!')).toBe(400);
    const upgrade = (docId: string) =>
      `GET /collab/${docId} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
    // The per-IP budget of one was spent above: the refusal keeps the route's Retry-After.
    const limited = await rawHttp(s.url, upgrade('doc'));
    expect(limited).toMatch(/^HTTP\/1\.1 429 /);
    expect(limited).toMatch(/\r\nRetry-After: \d+\r\n/i);
    expect(limited).toMatch(/\r\nContent-Length: 0\r\n/i);
    expect(limited.endsWith('\r\n\r\n')).toBe(true);
  });

  it('answers a plain request that carries an Upgrade header with 426, and other upgrades with 400', async () => {
    const s = await relay.start();
    // Without `Connection: Upgrade` Node hands it to the request listener, not the upgrade listener.
    const plain = await rawHttp(s.url, 'GET /collab/doc HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nUpgrade: websocket\r\n\r\n');
    expect(plain).toMatch(/^HTTP\/1\.1 426 /);
    const other = await rawHttp(s.url, 'GET /collab/doc HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n');
    expect(other).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('hands an accepted socket to the hub and takes it back when it closes', async () => {
    const s = await relay.start();
    const ws = await relay.socket(s, 'listener-doc');
    await waitFor(() => s.hub.registry.peek('listener-doc')?.connections.size === 1, { what: 'the connection in the room' });
    ws.close();
    await waitFor(() => (s.hub.registry.peek('listener-doc')?.connections.size ?? 0) === 0, { what: 'the connection gone from the room' });
  });
});
