/** @y/websocket-server 0.1.1's own connection handler (in memory), wired as its bundled server.js does. */
import http from 'node:http';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import { listen, stopHttp } from './http-server.js';
import type { StartedTarget, TargetOptions } from './targets.js';

export async function start(options: TargetOptions): Promise<StartedTarget> {
  const wss = new WebSocketServer({ noServer: true });
  const server = http.createServer((_req, res) => res.end('okay'));
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => setupWSConnection(ws, request));
  });
  const port = await listen(server, options.port);
  return { port, stop: () => stopHttp(server, wss) };
}
