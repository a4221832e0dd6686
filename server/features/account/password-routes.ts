/**
 * POST /api/me/password: a new password, given the current one. Every other session of the account
 * ends and its live sockets close with 4401 on every node; the session that made the change stays.
 * A wrong current password counts against the account's failed-login budget, so a stolen session
 * cannot be used to guess the password faster than the sign-in form allows.
 */
import { Hono } from 'hono';
import { changePasswordInput } from '../../../shared/api/auth.js';
import type { Auth } from '../../auth/index.js';
import { hashPassword } from '../../auth/passwords.js';
import { ThrottledError } from '../../auth/throttle.js';
import type { ClientAddress } from '../../http/client-address.js';
import { ApiError } from '../../http/errors.js';
import type { SessionEnv } from '../../http/session.js';
import { jsonBody } from '../../http/validate.js';
import { presentMe } from './presenters.js';

export interface PasswordRouteDeps {
  auth: Pick<Auth, 'sessions' | 'passwords' | 'throttle' | 'revoker'>;
  clientAddress: ClientAddress;
}

const wrongPassword = 'your current password is not correct';

/** Routes under /api/me/password. */
export function passwordRoutes(deps: PasswordRouteDeps): Hono<SessionEnv> {
  const { auth } = deps;
  const app = new Hono<SessionEnv>();

  app.post('/', jsonBody(changePasswordInput), async (c) => {
    const { currentPassword, newPassword } = c.req.valid('json');
    const valid = c.get('session');
    const address = deps.clientAddress(c);
    try {
      await auth.throttle.beforeLogin(address, valid.user.email);
    } catch (error) {
      if (error instanceof ThrottledError) {
        throw new ApiError(429, 'too_many_attempts', error.message, undefined, { 'Retry-After': String(error.retryAfterSeconds) });
      }
      throw error;
    }
    if (!(await auth.passwords.check(valid.user.passwordHash, currentPassword))) {
      await auth.throttle.loginFailed(address, valid.user.email);
      throw new ApiError(403, 'wrong_password', wrongPassword, { currentPassword: [wrongPassword] });
    }
    await auth.throttle.loginSucceeded(address, valid.user.email);
    const ended = await auth.sessions.changePassword(valid, await hashPassword(newPassword));
    auth.revoker.sessionsSignedOut(ended, 'your password was changed: sign in again');
    return c.json({ user: presentMe(valid.user), signedOut: ended.length });
  });

  return app;
}
