/** The signed-in user for API routes: `requireSession` validates the cookie and puts the session in context. */
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Auth } from '../auth/index.js';
import { isSecureRequest, readSessionToken, setSessionCookie } from '../auth/cookie.js';
import type { ValidSession } from '../auth/sessions.js';
import { ApiError } from './errors.js';

/** Context variables of routes behind `requireSession`. */
export type SessionEnv = { Variables: { session: ValidSession } };

export interface SessionDeps {
  auth: Auth;
  publicUrl: string | undefined;
}

/** 401 unless the request carries a valid session; a renewed session gets its cookie re-sent. */
export function requireSession(deps: SessionDeps): MiddlewareHandler<SessionEnv> {
  return async function requireSession(c, next) {
    const valid = await deps.auth.sessions.validate(readSessionToken(c.req.raw));
    if (!valid) throw new ApiError(401, 'unauthenticated', 'sign in to continue');
    if (valid.renewed) {
      setSessionCookie(c, readSessionToken(c.req.raw) ?? '', valid.expiresAt, deps.auth.now(), isSecureRequest(c.req.raw, deps.publicUrl));
    }
    c.set('session', valid);
    await next();
  };
}

/**
 * The client's address for throttling. Forwarded headers are not trusted: behind a proxy every client
 * would share the proxy's budget, which is safe; trusting them without a known proxy would let anyone
 * pick a fresh address per attempt.
 */
export function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
