/** Sharing one document: guests from outside the group, read-only links that expire, and who has access. */
import { Hono } from 'hono';
import type { SessionEnv } from '../../http/session.js';
import { accessRoutes } from './access-routes.js';
import type { SharingDeps } from './deps.js';
import { guestRoutes } from './guest-routes.js';
import { linkRoutes } from './link-routes.js';

export type { SharingDeps } from './deps.js';
export { publicLinkRoutes } from './public-link-routes.js';
export { sharedWithMeRoutes } from './shared-routes.js';

/** Routes under /api/documents/:id: access, people, guests and links. */
export function documentSharingRoutes(deps: SharingDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.route('/', accessRoutes(deps));
  app.route('/', guestRoutes(deps));
  app.route('/', linkRoutes(deps));
  return app;
}
