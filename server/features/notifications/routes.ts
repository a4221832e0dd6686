/** The signed-in user's inbox and delivery preferences, under /api/notifications (shared/api/notifications.ts). */
import { Hono } from 'hono';
import {
  notificationListQuery,
  updatePreferencesInput,
  type NotificationListView,
  type NotificationPreferencesView,
} from '../../../shared/api/notifications.js';
import { ApiError } from '../../http/errors.js';
import type { SessionEnv } from '../../http/session.js';
import { jsonBody, queryInput } from '../../http/validate.js';
import type { NotificationService } from './service.js';

const DEFAULT_PAGE = 30;

export interface NotificationRouteDeps {
  notifications: NotificationService;
  /** Tells the person's open pages their new unread count (the live channel). */
  onUnreadChanged?: (userId: string) => void;
}

export function notificationRoutes(deps: NotificationRouteDeps): Hono<SessionEnv> {
  const { notifications } = deps;
  const store = notifications.store;
  const app = new Hono<SessionEnv>();

  app.get('/', queryInput(notificationListQuery), async (c) => {
    const userId = c.get('session').user.id;
    const { before, limit = DEFAULT_PAGE } = c.req.valid('query');
    // One more than asked tells whether there is a next page.
    const records = await store.list(userId, { before, limit: limit + 1 });
    const page = records.slice(0, limit);
    const views = await notifications.viewsOf(userId, page.map((r) => r.id));
    const last = page.at(-1);
    const view: NotificationListView = {
      notifications: views,
      unread: await store.unreadCount(userId),
      nextBefore: records.length > limit && last ? last.createdAt : null,
    };
    return c.json(view);
  });

  app.get('/unread-count', async (c) => c.json({ unread: await store.unreadCount(c.get('session').user.id) }));

  app.post('/read-all', async (c) => {
    const userId = c.get('session').user.id;
    await store.markAllRead(userId);
    deps.onUnreadChanged?.(userId);
    return c.body(null, 204);
  });

  app.get('/preferences', async (c) => c.json(await notifications.preferencesOf(c.get('session').user.id)));

  app.put('/preferences', jsonBody(updatePreferencesInput), async (c) => {
    const userId = c.get('session').user.id;
    const input = c.req.valid('json');
    const current = await store.preferences(userId);
    await store.setPreferences(userId, { kinds: { ...current.kinds, ...input.kinds }, digest: input.digest ?? current.digest });
    const view: NotificationPreferencesView = await notifications.preferencesOf(userId);
    return c.json(view);
  });

  app.post('/:id/read', async (c) => {
    const userId = c.get('session').user.id;
    if (!(await store.markRead(userId, c.req.param('id')))) throw new ApiError(404, 'not_found', 'no such notification');
    deps.onUnreadChanged?.(userId);
    return c.body(null, 204);
  });
  return app;
}
