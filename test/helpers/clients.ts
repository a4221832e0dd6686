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

/** Opens a raw WebSocket to /collab/:docId and resolves once it is open. */
export async function rawSocket(baseUrl: string, docId: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/collab/${docId}`, { headers });
  ws.binaryType = 'arraybuffer';
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

/** Resolves with the close code (and reason) of a socket. */
export function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    if (ws.readyState === ws.CLOSED) return resolve({ code: -1, reason: 'already closed' });
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}
