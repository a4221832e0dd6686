/**
 * The set-up of the relay tests (test/relay, test/hardening): a test server (open access policy unless
 * told otherwise), Yjs clients and raw sockets on it, all torn down after each test, plus the
 * frame-then-probe check that tells whether a socket survived a frame.
 */
import { afterAll, afterEach } from 'vitest';
import type { WebSocket } from 'ws';
import { openAccessPolicy } from '../../server/collab/access.js';
import { MessageType, writeQueryAwareness } from '../../shared/protocol/index.js';
import { closeOf, connectClient, frameOfType, framesOf, rawSocket, type TestClient } from '../helpers/clients.js';
import type { StartOptions } from '../../server/main.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

export interface RelayFixture {
  /** A fresh server (extra environment optional); disposed after the test. */
  start(env?: Record<string, string>): Promise<TestServer>;
  /** A fresh server with its own policy or other start options (default: the open policy); disposed after the test. */
  startWith(options: StartOptions & { env?: Record<string, string> }): Promise<TestServer>;
  /** A stock y-websocket client on `docId` (query parameters optional). */
  client(server: TestServer, docId: string, options?: { params?: Record<string, string> }): Promise<TestClient>;
  /** A raw socket on `docId`, for hand-made frames. */
  socket(server: TestServer, docId: string): Promise<WebSocket>;
  /** Tears these sockets (made some other way) down after the test too. */
  adopt(...sockets: WebSocket[]): void;
  /** Closes every client and socket now (to let rooms unload mid-test). */
  disconnectAll(): void;
}

/**
 * Registers the teardown; call once at the top of a test file. `scope: 'file'` keeps one server and its
 * clients for the whole file (set up in beforeAll) and tears them down after the last test.
 */
export function useRelayFixture(options: { scope?: 'test' | 'file' } = {}): RelayFixture {
  let server: TestServer | undefined;
  const clients: TestClient[] = [];
  const sockets: WebSocket[] = [];
  const disconnectAll = () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of sockets.splice(0)) s.terminate();
  };
  (options.scope === 'file' ? afterAll : afterEach)(async () => {
    disconnectAll();
    await server?.dispose();
    server = undefined;
  });
  return {
    start: async (env = {}) => {
      server = await startTestServer({ policy: openAccessPolicy(), env });
      return server;
    },
    startWith: async (options) => {
      server = await startTestServer({ policy: openAccessPolicy(), ...options });
      return server;
    },
    client: async (s, docId, options = {}) => {
      const c = await connectClient(s.url, docId, options);
      clients.push(c);
      return c;
    },
    socket: async (s, docId) => {
      const ws = await rawSocket(s.url, docId);
      // survives() adds a close listener per probe on purpose.
      ws.setMaxListeners(0);
      sockets.push(ws);
      return ws;
    },
    adopt: (...more) => {
      sockets.push(...more);
    },
    disconnectAll,
  };
}

/** Sends `frame`, then a probe; true if the socket answered (it survived), false if it was closed. */
export async function survives(ws: WebSocket, frame: Uint8Array): Promise<boolean> {
  const from = framesOf(ws).length;
  const closed = closeOf(ws).then(() => false);
  ws.send(frame);
  ws.send(writeQueryAwareness());
  return Promise.race([closed, frameOfType(ws, MessageType.Awareness, from).then(() => true)]);
}
