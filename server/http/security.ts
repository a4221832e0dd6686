/**
 * Security middleware for everything except the WebSocket upgrade: global middleware that touches
 * headers on the upgrade response breaks it (hono issues 1102, 2535), so /collab/* is skipped.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { ApiError } from './errors.js';
import { isAllowedOrigin } from './origin.js';

function isCollab(path: string): boolean {
  // The live inbox (features/notifications/live-routes.ts) is a WebSocket upgrade too.
  return path === '/collab' || path.startsWith('/collab/') || path === '/api/notifications/live';
}

/**
 * What the app needs and nothing more: its own scripts only (no inline script, no 'unsafe-eval'),
 * same-origin fetch and WebSocket ('self' covers ws/wss of the same host in CSP 3), KaTeX fonts. Styles
 * allow 'unsafe-inline' because ProseMirror, the collaboration carets and KaTeX set style attributes.
 */
export const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** hono's secureHeaders (CSP, nosniff, frame and referrer policies, COOP/CORP...) on every response but the upgrade. */
export function securityHeaders(): MiddlewareHandler {
  const headers = secureHeaders({ contentSecurityPolicy });
  return async function securityHeadersUnlessUpgrade(c, next) {
    if (isCollab(c.req.path)) return next();
    return headers(c, next);
  };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses state-changing requests from other sites (CSRF): `Origin`, else `Sec-Fetch-Site`, must be ours. */
export function originGuard(allowedOrigins: () => readonly string[]): MiddlewareHandler {
  return async function originGuard(c, next) {
    if (!safeMethods.has(c.req.method) && !isAllowedOrigin(c.req.raw, allowedOrigins())) {
      throw new ApiError(403, 'forbidden_origin', 'this origin may not make changes');
    }
    await next();
  };
}
