/** GET/PATCH /api/me: the signed-in user's name, time zone and working hours. */
import { isDeepStrictEqual } from 'node:util';
import { Hono } from 'hono';
import { updateMeInput } from '../../../shared/api/auth.js';
import type { Auth } from '../../auth/index.js';
import { identityOf } from '../../auth/policy.js';
import { ApiError } from '../../http/errors.js';
import type { SessionEnv } from '../../http/session.js';
import { jsonBody } from '../../http/validate.js';
import type { AccountStore } from '../../storage/accounts.js';
import { presentMe } from './presenters.js';

export interface MeRouteDeps {
  accounts: AccountStore;
  auth: Pick<Auth, 'revoker' | 'now'>;
}

/** Routes under /api/me. */
export function meRoutes(deps: MeRouteDeps): Hono<SessionEnv> {
  const { auth, accounts } = deps;
  const app = new Hono<SessionEnv>();

  app.get('/', (c) => c.json({ user: presentMe(c.get('session').user) }));

  app.patch('/', jsonBody(updateMeInput), async (c) => {
    const input = c.req.valid('json');
    const before = c.get('session').user;
    const updated = await accounts.updateUser(before.id, input, auth.now());
    if (!updated) throw new ApiError(401, 'unauthenticated', 'sign in to continue');
    // Others see the identity granted at connect: reconnect this user's sockets when it changed.
    if (!isDeepStrictEqual(identityOf(before), identityOf(updated))) auth.revoker.profileChanged(updated.id);
    return c.json({ user: presentMe(updated) });
  });

  return app;
}
