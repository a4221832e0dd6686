/** POST /api/auth/signup, /login, /logout; GET /api/auth/session. */
import { Hono } from 'hono';
import { loginInput, signupInput } from '../../../shared/api/auth.js';
import type { Auth } from '../../auth/index.js';
import { clearSessionCookie, isSecureRequest, readSessionToken, setSessionCookie } from '../../auth/cookie.js';
import { hashPassword } from '../../auth/passwords.js';
import { ThrottledError } from '../../auth/throttle.js';
import { generateSecureRandomString } from '../../auth/tokens.js';
import type { ClientAddress } from '../../http/client-address.js';
import { ApiError } from '../../http/errors.js';
import { jsonBody } from '../../http/validate.js';
import { EmailTakenError, type AccountStore } from '../../storage/accounts.js';
import { presentMe } from './presenters.js';

export interface AccountRouteDeps {
  accounts: AccountStore;
  auth: Pick<Auth, 'sessions' | 'passwords' | 'throttle' | 'revoker' | 'now'>;
  publicUrl: string | undefined;
  /** Who is asking, for signup and login throttling (TRUSTED_PROXIES decides whether X-Forwarded-For counts). */
  clientAddress: ClientAddress;
}

/** One message for an unknown email and a wrong password, so the answer does not reveal who has an account. */
const badCredentials = 'email or password is incorrect';

/** Runs a throttle check; over budget is a 429 with Retry-After. */
async function throttled(check: Promise<void>): Promise<void> {
  try {
    await check;
  } catch (error) {
    if (error instanceof ThrottledError) {
      throw new ApiError(429, 'too_many_attempts', error.message, undefined, { 'Retry-After': String(error.retryAfterSeconds) });
    }
    throw error;
  }
}

/** Routes under /api/auth: signup, login, who is signed in, logout. */
export function accountRoutes(deps: AccountRouteDeps): Hono {
  const { auth, accounts } = deps;
  const app = new Hono();

  app.post(
    '/signup',
    async function throttleSignup(c, next) {
      await throttled(auth.throttle.beforeSignup(deps.clientAddress(c)));
      await next();
    },
    jsonBody(signupInput),
    async (c) => {
      const input = c.req.valid('json');
      const now = auth.now();
      let user;
      try {
        user = await accounts.createUser({
          id: generateSecureRandomString(),
          email: input.email,
          name: input.name,
          passwordHash: await hashPassword(input.password),
          timeZone: input.timeZone ?? 'UTC',
          workingHours: null,
          createdAt: now,
          updatedAt: now,
        });
      } catch (error) {
        if (error instanceof EmailTakenError) throw new ApiError(409, 'email_taken', 'an account with this email already exists');
        throw error;
      }
      const session = await auth.sessions.create(user.id);
      setSessionCookie(c, session.token, session.expiresAt, now, isSecureRequest(c.req.raw, deps.publicUrl));
      return c.json({ user: presentMe(user) }, 201);
    },
  );

  app.post('/login', jsonBody(loginInput), async (c) => {
    const { email, password } = c.req.valid('json');
    const address = deps.clientAddress(c);
    await throttled(auth.throttle.beforeLogin(address, email));
    const user = await accounts.userByEmail(email);
    const ok = await auth.passwords.check(user?.passwordHash, password);
    if (!user || !ok) {
      await auth.throttle.loginFailed(address, email);
      throw new ApiError(401, 'invalid_credentials', badCredentials);
    }
    await auth.throttle.loginSucceeded(address, email);
    const session = await auth.sessions.create(user.id);
    setSessionCookie(c, session.token, session.expiresAt, auth.now(), isSecureRequest(c.req.raw, deps.publicUrl));
    return c.json({ user: presentMe(user) }, 200);
  });

  // Who is signed in, answered 200 either way: a signed-out visitor is not an error, and a 401 here
  // would put a network error in the browser console on every signed-out page load.
  app.get('/session', async (c) => {
    const valid = await auth.sessions.validate(readSessionToken(c.req.raw));
    return c.json({ user: valid ? presentMe(valid.user) : null });
  });

  app.post('/logout', async (c) => {
    const valid = await auth.sessions.validate(readSessionToken(c.req.raw));
    if (valid) {
      await auth.sessions.invalidate(valid.session.id);
      auth.revoker.sessionEnded(valid.session.id, 'signed out');
    }
    clearSessionCookie(c, isSecureRequest(c.req.raw, deps.publicUrl));
    return c.body(null, 204);
  });

  return app;
}
