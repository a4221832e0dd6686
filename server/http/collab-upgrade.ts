/**
 * GET /collab/:docId: validate the ID, limit upgrade attempts per IP, check the origin and the access
 * policy before any `101`, then hand the socket to the hub and keep it honest with a ping/pong
 * heartbeat. No global middleware touches this route (hono issues 1102, 2535).
 */
import { Hono } from 'hono';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { isValidDocId } from '../../shared/limits.js';
import { isAllowedOrigin } from './origin.js';
import type { ClientAddress } from './client-address.js';
import type { AccessPolicy, Grant } from '../collab/access.js';
import type { CollabHub } from '../collab/hub.js';
import { HeartbeatSweep } from './heartbeat.js';
import { RelaySockets } from './relay-sockets.js';
import { isUpgradeEnv } from './upgrade-listener.js';

/** Connection-level limits of the route. */
export interface CollabLimits {
  /** Upgrade attempts per client IP per minute (0 = unlimited): stops connection floods before any work. */
  upgradesPerIpPerMinute: number;
  /** Ping interval; a socket that has not answered the previous ping is terminated (half-open peers). */
  heartbeatMs: number;
}

export interface CollabRouteOptions extends Partial<CollabLimits> {
  hub: CollabHub;
  policy: AccessPolicy;
  allowedOrigins: () => readonly string[];
  /** Whose budget an upgrade counts against (TRUSTED_PROXIES decides whether X-Forwarded-For counts). */
  clientAddress: ClientAddress;
}

const defaultLimits: CollabLimits = { upgradesPerIpPerMinute: 600, heartbeatMs: 30_000 };


type Env = { Variables: { grant: Grant } };

/** The error code of each refusal (410: a read-only link that was revoked or has expired). */
const decisionCode = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 410: 'gone' } as const;

function error(code: string, message: string) {
  return { error: { code, message } };
}

export function collabRoutes(options: CollabRouteOptions): Hono<Env> {
  const { upgradesPerIpPerMinute, heartbeatMs } = { ...defaultLimits, ...options };
  const upgrades = upgradesPerIpPerMinute > 0 ? new RateLimiterMemory({ keyPrefix: 'upgrade_ip', points: upgradesPerIpPerMinute, duration: 60 }) : null;
  const sockets = new RelaySockets(options.hub, new HeartbeatSweep(heartbeatMs));
  const app = new Hono<Env>();
  app.get(
    '/collab/:docId',
    async function authorizeUpgrade(c, next) {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        return c.json(error('upgrade_required', 'this endpoint speaks the y-websocket protocol over WebSocket'), 426);
      }
      if (upgrades) {
        try {
          await upgrades.consume(options.clientAddress(c));
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
          c.header('Retry-After', String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))));
          return c.json(error('too_many_connections', 'too many connection attempts from this address; retry later'), 429);
        }
      }
      const docId = c.req.param('docId');
      if (!isValidDocId(docId)) return c.json(error('invalid_document_id', 'document IDs are 1-128 of A-Z a-z 0-9 _ -'), 400);
      if (!isAllowedOrigin(c.req.raw, options.allowedOrigins())) {
        return c.json(error('forbidden_origin', 'this origin may not open documents'), 403);
      }
      const decision = await options.policy(c.req.raw, docId);
      if (!decision.allow) return c.json(error(decisionCode[decision.status], decision.reason), decision.status);
      c.set('grant', decision.grant);
      await next();
    },
    function acceptUpgrade(c) {
      // Only the upgrade listener's env can carry the socket (a plain GET with an Upgrade header cannot).
      if (!isUpgradeEnv(c.env)) return c.json(error('upgrade_required', 'this endpoint speaks the y-websocket protocol over WebSocket'), 426);
      const docId = c.req.param('docId');
      const grant = c.get('grant');
      const wantsCommitted = c.req.query('confer') === '1';
      c.env.accept = (ws) => sockets.open(ws, docId, grant, wantsCommitted);
      return c.body(null, 200);
    },
  );
  return app;
}
