/** Stock y-websocket clients in Node (ws as the WebSocket polyfill), and raw sockets for bad input. */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitFor } from './wait.js';

// Each WebsocketProvider adds a process 'exit' listener; tests open dozens on purpose.
process.setMaxListeners(0);

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  destroy(): void;
}

/** A stock WebsocketProvider on `docId`; resolves once synced. */
export async function connectClient(baseUrl: string, docId: string, options: { headers?: Record<string, string>; params?: Record<string, string> } = {}): Promise<TestClient> {
  const doc = new Y.Doc();
  const headers = options.headers;
  const Polyfill = headers
    ? class extends WebSocket {
        constructor(address: string | URL, protocols?: string | string[]) {
          super(address, protocols, { headers });
        }
      }
    : WebSocket;
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, docId, doc, {
    WebSocketPolyfill: Polyfill as unknown as typeof globalThis.WebSocket,
    params: options.params ?? {},
    disableBc: true,
  });
  const client = {
    doc,
    provider,
    text: doc.getText('t'),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
  await waitFor(() => provider.synced, { what: `client synced on ${docId}` });
  return client;
}

/** Frames each raw socket received, recorded from the start (frames can arrive in the same tick as `open`). */
const received = new WeakMap<WebSocket, Uint8Array[]>();

/** Opens a raw WebSocket to /collab/:docId and resolves once it is open; frames are recorded from the start. */
export async function rawSocket(baseUrl: string, docId: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/collab/${docId}`, { headers });
  ws.binaryType = 'arraybuffer';
  const frames: Uint8Array[] = [];
  received.set(ws, frames);
  ws.on('message', (data: ArrayBuffer) => frames.push(new Uint8Array(data)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

/** Frames a raw socket has received so far (oldest first). */
export function framesOf(ws: WebSocket): Uint8Array[] {
  return received.get(ws) ?? [];
}

/** Resolves with the close code (and reason) of a socket. */
export function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    if (ws.readyState === ws.CLOSED) return resolve({ code: -1, reason: 'already closed' });
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

/** Attempts a WebSocket upgrade and resolves with the HTTP status (101 when it was accepted). */
export function upgradeStatus(baseUrl: string, docId: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/collab/${docId}`, { headers });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('open', () => {
      resolve(101);
      ws.close();
    });
    ws.once('error', (error) => reject(error));
  });
}

/** Resolves with the first frame at index >= `from` whose message type (first byte) is `type`. */
export async function frameOfType(ws: WebSocket, type: number, from = 0): Promise<Uint8Array> {
  const frame = await waitFor(() => framesOf(ws).slice(from).find((f) => f[0] === type), { what: `a frame of type ${type}` });
  if (!frame) throw new Error('unreachable: waitFor resolves only with a frame');
  return frame;
}
