/** The signed-in user for API routes: `requireSession` validates the cookie and puts the session in context. */
import type { MiddlewareHandler } from 'hono';
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
