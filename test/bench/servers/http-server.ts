/** Listening and stopping for the targets built directly on node:http + ws. */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocketServer } from 'ws';

/** Listens on 127.0.0.1:`port` (0 = any free port) and resolves with the port. */
export function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Drops every socket and closes the server. */
export function stopHttp(server: http.Server, wss: WebSocketServer): Promise<void> {
  for (const ws of wss.clients) ws.terminate();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
