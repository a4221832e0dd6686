/**
 * The open relay sockets of the route: each `ws` socket handed to the hub as a Connection. The
 * listeners are shared by every socket (`ws` calls them with the socket as `this`) and the
 * Connection is found in a map, so an idle connection costs no closures of its own.
 */
import type { WebSocket } from 'ws';
import { CloseCode } from '../../shared/protocol/index.js';
import type { Grant } from '../collab/access.js';
import type { Connection } from '../collab/connection.js';
import type { CollabHub } from '../collab/hub.js';
import type { HeartbeatSweep } from './heartbeat.js';
import { fromWs } from './ws-socket.js';

export class RelaySockets {
  private readonly connections = new Map<WebSocket, Connection>();
  private readonly onMessage: (this: WebSocket, data: Buffer, isBinary: boolean) => void;
  private readonly onClose: (this: WebSocket) => void;

  constructor(
    private readonly hub: CollabHub,
    private readonly heartbeat: HeartbeatSweep,
  ) {
    const connections = this.connections;
    this.onMessage = function (this: WebSocket, data, isBinary) {
      const conn = connections.get(this);
      if (!conn) return;
      heartbeat.alive(this);
      if (isBinary) conn.receive(data);
      else conn.refuse(CloseCode.Malformed, 'text frames are not part of the protocol');
    };
    this.onClose = function (this: WebSocket) {
      heartbeat.unwatch(this);
      const conn = connections.get(this);
      if (!conn) return;
      connections.delete(this);
      hub.disconnect(conn);
    };
  }

  /** Hands a socket that has just opened to the hub. */
  open(ws: WebSocket, docId: string, grant: Grant, wantsCommitted: boolean): void {
    // Frames arrive as views into ws's read buffer, without a copy per frame: almost every frame is
    // handled before its handler returns. What the relay keeps longer (a frame that waits in the inbound
    // queue, a raw update held for its commit) is copied where it is kept. One exception, memory only:
    // Yjs decodes a binary value inside ContentAny as a view into the frame and keeps it in the
    // document, so such a frame's read stays alive with the document (our editor writes none).
    ws.binaryType = 'nodebuffer';
    ws.on('message', this.onMessage);
    ws.on('close', this.onClose);
    // Socket errors (a peer's protocol violation, a reset) end in 'close'; without a listener they would throw.
    ws.on('error', noop);
    this.heartbeat.watch(ws);
    this.connections.set(ws, this.hub.accept(docId, fromWs(ws), grant, wantsCommitted));
  }
}

function noop(): void {}
