/**
 * Security middleware for everything except the WebSocket upgrade: global middleware that touches
 * headers on the upgrade response breaks it (hono issues 1102, 2535), so /collab/* is skipped.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { ApiError } from './errors.js';
import { isAllowedOrigin } from './origin.js';

function isCollab(path: string): boolean {
  return path === '/collab' || path.startsWith('/collab/');
}

/** hono's secureHeaders (nosniff, frame and referrer policies, COOP/CORP...) on every response but the upgrade. */
export function securityHeaders(): MiddlewareHandler {
  const headers = secureHeaders();
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
