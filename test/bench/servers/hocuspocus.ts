/** @hocuspocus/server 4.x, in memory, with its default configuration. */
import type { AddressInfo } from 'node:net';
import { Server } from '@hocuspocus/server';
import type { StartedTarget, TargetOptions } from './targets.js';

export async function start(options: TargetOptions): Promise<StartedTarget> {
  const server = new Server({ port: options.port, address: '127.0.0.1', quiet: true, stopOnSignals: false });
  await server.listen();
  const port = (server.httpServer.address() as AddressInfo).port;
  return { port, stop: () => server.destroy() };
}
