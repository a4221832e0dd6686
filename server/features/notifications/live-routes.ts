/**
 * GET /api/notifications/live: the signed-in user's inbox socket (a WebSocket sending
 * LiveNotificationMessage JSON text frames; the client sends nothing). Origin and session are checked
 * before any `101`; the session is checked again at every heartbeat, so a socket of a session that
 * ended (logout, password change, expiry) closes with 4401. Mounted before the API's own middleware,
 * which sets headers (hono issues 1102, 2535).
 */
import { Hono } from 'hono';
import type { WebSocket } from 'ws';
import { CloseCode } from '../../../shared/protocol/index.js';
import type { Auth } from '../../auth/index.js';
import { readSessionToken } from '../../auth/cookie.js';
import { isAllowedOrigin } from '../../http/origin.js';
import { isUpgradeEnv } from '../../http/upgrade-listener.js';
import type { LiveInbox } from './live.js';

export const LIVE_PATH = '/api/notifications/live';

export interface LiveRouteDeps {
  live: LiveInbox;
  auth: Pick<Auth, 'sessions'>;
  allowedOrigins: () => readonly string[];
  /** Ping and session check interval (default 30 s). */
  heartbeatMs?: number;
}

type Env = { Variables: { userId: string; token: string } };

function error(code: string, message: string) {
  return { error: { code, message } };
}

/** One open inbox socket: fed by the live inbox, pinged, and closed once its session has ended. */
function openLive(deps: LiveRouteDeps, heartbeatMs: number, ws: WebSocket, userId: string, token: string): void {
  const detach = deps.live.attach(userId, { send: (text) => ws.readyState === ws.OPEN && ws.send(text) });
  let alive = true;
  ws.on('pong', () => (alive = true));
  const timer = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
    void deps.auth.sessions.validate(token).then((valid) => {
      if (!valid) ws.close(CloseCode.Unauthenticated, 'your session ended');
    });
  }, heartbeatMs);
  timer.unref();
  ws.on('message', () => ws.close(CloseCode.Malformed, 'the live inbox takes no messages'));
  ws.on('close', () => {
    clearInterval(timer);
    detach();
  });
}

export function liveRoutes(deps: LiveRouteDeps): Hono<Env> {
  const heartbeatMs = deps.heartbeatMs ?? 30_000;
  const app = new Hono<Env>();
  app.get(
    LIVE_PATH,
    async function authorizeLive(c, next) {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        return c.json(error('upgrade_required', 'the live inbox is a WebSocket'), 426);
      }
      if (!isAllowedOrigin(c.req.raw, deps.allowedOrigins())) return c.json(error('forbidden_origin', 'this origin may not open the inbox'), 403);
      const token = readSessionToken(c.req.raw);
      const session = await deps.auth.sessions.validate(token);
      if (!session || !token) return c.json(error('unauthenticated', 'sign in to continue'), 401);
      c.set('userId', session.user.id);
      c.set('token', token);
      await next();
    },
    function acceptLive(c) {
      // Only the server's upgrade listener (server/http/upgrade-listener.ts) can hand over a socket.
      if (!isUpgradeEnv(c.env)) return c.json(error('upgrade_required', 'the live inbox is a WebSocket'), 426);
      const userId = c.get('userId');
      const token = c.get('token');
      c.env.accept = (ws) => openLive(deps, heartbeatMs, ws, userId, token);
      return c.body(null, 200);
    },
  );
  return app;
}
