/** The ceiling: a `ws` broadcast per room with no Yjs work at all. */
import http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { listen, stopHttp } from './http-server.js';
import type { StartedTarget, TargetOptions } from './targets.js';

// A sync step1 gets this constant empty step2, so that clients count as synced.
const EMPTY_STEP2 = Uint8Array.of(0, 1, 2, 0, 0);

export async function start(options: TargetOptions): Promise<StartedTarget> {
  const wss = new WebSocketServer({ noServer: true });
  const rooms = new Map<string, Set<WebSocket>>();
  const server = http.createServer((_req, res) => res.end('okay'));
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => {
      const name = request.url ?? '/';
      let room = rooms.get(name);
      if (!room) rooms.set(name, (room = new Set()));
      const members = room;
      members.add(ws);
      ws.on('message', (data: Buffer, isBinary) => {
        if (!isBinary) return;
        if (data[0] === 0 && data[1] === 0) return ws.send(EMPTY_STEP2);
        for (const peer of members) if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data);
      });
      ws.on('close', () => {
        members.delete(ws);
        if (members.size === 0) rooms.delete(name);
      });
    });
  });
  const port = await listen(server, options.port);
  return { port, stop: () => stopHttp(server, wss) };
}
