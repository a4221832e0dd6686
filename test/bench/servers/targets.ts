/**
 * The servers under test, each started inside its own child process by serve.ts. Every one listens on
 * 127.0.0.1 only and resolves with a stop function.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as HocuspocusServer } from '@hocuspocus/server';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer, type WebSocket } from 'ws';
import { openAccessPolicy } from '../../../server/collab/access.js';
import { loadConfig } from '../../../server/config.js';
import { startServer } from '../../../server/main.js';

/** Names of the targets, in the order the table shows them. */
export const targetNames = ['confer', 'hocuspocus', 'ywss', 'raw'] as const;
export type TargetName = (typeof targetNames)[number];

export interface StartedTarget {
  port: number;
  stop(): Promise<void>;
}

export interface TargetOptions {
  port: number;
  dataDir: string;
}

/** Confer as shipped: durable group commits (SQLite WAL, synchronous=FULL), no accounts needed. */
async function startConfer(options: TargetOptions): Promise<StartedTarget> {
  const config = loadConfig({ PORT: String(options.port), HOST: '127.0.0.1', DATA_DIR: options.dataDir, LOG_LEVEL: 'silent' });
  const server = await startServer(config, { policy: openAccessPolicy() });
  return { port: server.port, stop: () => server.close() };
}

/** @hocuspocus/server 4.x, in memory, with its default configuration. */
async function startHocuspocus(options: TargetOptions): Promise<StartedTarget> {
  const server = new HocuspocusServer({ port: options.port, address: '127.0.0.1', quiet: true, stopOnSignals: false });
  await server.listen();
  const port = (server.httpServer.address() as AddressInfo).port;
  return { port, stop: () => server.destroy() };
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function stopHttp(server: http.Server, wss: WebSocketServer): Promise<void> {
  for (const ws of wss.clients) ws.terminate();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** @y/websocket-server 0.1.1's own connection handler (in memory), as its bundled server.js wires it. */
async function startYwss(options: TargetOptions): Promise<StartedTarget> {
  const wss = new WebSocketServer({ noServer: true });
  const server = http.createServer((_req, res) => res.end('okay'));
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => setupWSConnection(ws, request));
  });
  const port = await listen(server, options.port);
  return { port, stop: () => stopHttp(server, wss) };
}

// The raw ceiling answers a sync step1 with this constant empty step2 so that clients count as synced.
const EMPTY_STEP2 = Uint8Array.of(0, 1, 2, 0, 0);

/** The ceiling: a `ws` broadcast per room with no Yjs work at all. */
async function startRaw(options: TargetOptions): Promise<StartedTarget> {
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

/** Starts one target in this process. */
export function startTarget(name: TargetName, options: TargetOptions): Promise<StartedTarget> {
  switch (name) {
    case 'confer':
      return startConfer(options);
    case 'hocuspocus':
      return startHocuspocus(options);
    case 'ywss':
      return startYwss(options);
    case 'raw':
      return startRaw(options);
  }
}

/** Narrows a string to a target name. */
export function isTargetName(value: string): value is TargetName {
  return (targetNames as readonly string[]).includes(value);
}
