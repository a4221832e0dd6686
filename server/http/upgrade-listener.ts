/**
 * WebSocket upgrades, answered by the Hono app itself: each `upgrade` request goes through `app.fetch`
 * (so the relay route authorizes it like any request, before any `101`), and only when the route
 * accepted it (`env.accept`) does `ws` complete the handshake. Anything else gets the route's status
 * and headers with an empty body, as @hono/node-server's adapter answers.
 *
 * Why not @hono/node-server's `upgradeWebSocket`: its per-socket closures keep the upgrade's Hono
 * context alive for the socket's whole life (the web Request with its headers and AbortSignal, the
 * IncomingMessage, two URLs: about 3 KB per idle connection), and it copies every frame into a new
 * ArrayBuffer wrapped in a MessageEvent. Here nothing of the request outlives the handshake.
 */
import type { IncomingMessage, Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';

/** The `env` an upgrade request reaches the Hono app with. */
export interface UpgradeEnv {
  /** For the client address (@hono/node-server's `getConnInfo` reads it too). */
  incoming: IncomingMessage;
  /** Set only here: a plain request that merely carries `Upgrade: websocket` is no upgrade. */
  upgrade: true;
  /** Set by the route that accepts the upgrade; called with the open socket. */
  accept: ((ws: WebSocket) => void) | null;
}

/** True when a request's env is that of a real upgrade (see UpgradeEnv). */
export function isUpgradeEnv(env: unknown): env is UpgradeEnv {
  return typeof env === 'object' && env !== null && (env as Partial<UpgradeEnv>).upgrade === true;
}

type Fetch = (request: Request, env: UpgradeEnv) => Response | Promise<Response>;

function refuse(socket: Duplex, status: number, headers?: Headers): void {
  if (socket.destroyed) return;
  const lines = ['Connection: close', 'Content-Length: 0'];
  headers?.forEach((value, key) => {
    if (!['connection', 'content-length', 'content-type', 'transfer-encoding'].includes(key.toLowerCase())) lines.push(`${key}: ${value}`);
  });
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${lines.join('\r\n')}\r\n\r\n`);
}

/** The web Request the app sees for an upgrade: its URL and headers (no body). */
function toRequest(incoming: IncomingMessage): Request {
  const url = new URL(incoming.url ?? '/', `http://${incoming.headers.host ?? 'localhost'}`);
  const headers = new Headers();
  for (const [key, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers.append(key, Array.isArray(value) ? (value[0] ?? '') : value);
  }
  return new Request(url, { headers });
}

const ignore = () => undefined;

/** Routes `server`'s upgrade requests through `fetch`, completing accepted ones with `wss` (noServer). */
export function listenForUpgrades(server: Server, fetch: Fetch, wss: WebSocketServer): void {
  server.on('upgrade', (incoming: IncomingMessage, socket: Duplex, head: Buffer) => {
    void (async () => {
      socket.on('error', ignore);
      if (incoming.headers.upgrade?.toLowerCase() !== 'websocket') return refuse(socket, 400);
      const env: UpgradeEnv = { incoming, upgrade: true, accept: null };
      let response: Response;
      try {
        response = await fetch(toRequest(incoming), env);
      } catch {
        return refuse(socket, 400);
      }
      const accept = env.accept;
      if (!accept) return refuse(socket, response.status, response.headers);
      if (socket.destroyed) return;
      wss.handleUpgrade(incoming, socket, head, (ws) => {
        socket.off('error', ignore);
        accept(ws);
      });
    })();
  });
  server.on('close', () => wss.close());
}
