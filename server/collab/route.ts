/**
 * GET /collab/:docId: validate the ID, check the origin and the access policy before any `101`, then
 * hand the socket to the hub. No global middleware touches this route (hono issues 1102, 2535).
 */
import { upgradeWebSocket } from '@hono/node-server';
import { Hono } from 'hono';
import type { WebSocket } from 'ws';
import { isValidDocId } from '../../shared/limits.js';
import { CloseCode } from '../../shared/protocol/index.js';
import { isAllowedOrigin } from '../http/origin.js';
import type { AccessPolicy, Grant } from './access.js';
import type { Connection } from './connection.js';
import type { CollabHub } from './hub.js';
import { fromWs } from './socket.js';

export interface CollabRouteOptions {
  hub: CollabHub;
  policy: AccessPolicy;
  allowedOrigins: () => readonly string[];
}

type Env = { Variables: { grant: Grant } };

function error(code: string, message: string) {
  return { error: { code, message } };
}

export function collabRoutes(options: CollabRouteOptions): Hono<Env> {
  const app = new Hono<Env>();
  app.get(
    '/collab/:docId',
    async function authorizeUpgrade(c, next) {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        return c.json(error('upgrade_required', 'this endpoint speaks the y-websocket protocol over WebSocket'), 426);
      }
      const docId = c.req.param('docId');
      if (!isValidDocId(docId)) return c.json(error('invalid_document_id', 'document IDs are 1-128 of A-Z a-z 0-9 _ -'), 400);
      if (!isAllowedOrigin(c.req.raw, options.allowedOrigins())) {
        return c.json(error('forbidden_origin', 'this origin may not open documents'), 403);
      }
      const decision = await options.policy(c.req.raw, docId);
      if (!decision.allow) return c.json(error(decision.status === 401 ? 'unauthenticated' : 'forbidden', decision.reason), decision.status);
      c.set('grant', decision.grant);
      await next();
    },
    upgradeWebSocket((c) => {
      const docId = c.req.param('docId') ?? '';
      const grant = c.get('grant');
      const wantsCommitted = c.req.query('confer') === '1';
      let conn: Connection | null = null;
      return {
        onOpen(_event, ws) {
          conn = options.hub.accept(docId, fromWs(ws.raw as WebSocket), grant, wantsCommitted);
        },
        onMessage(event) {
          if (!conn) return;
          const data: unknown = event.data;
          if (data instanceof ArrayBuffer) conn.receive(new Uint8Array(data));
          else conn.close(CloseCode.Malformed, 'text frames are not part of the protocol');
        },
        onClose() {
          if (conn) options.hub.disconnect(conn);
        },
      };
    }),
  );
  return app;
}
