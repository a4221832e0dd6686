/** GET/PUT /api/documents/:id/follow: whether you follow a document (notifications of its changes). */
import { Hono } from 'hono';
import { followInput, type FollowView } from '../../../shared/api/notifications.js';
import { documentOr404 } from '../../http/access.js';
import type { SessionEnv } from '../../http/session.js';
import { jsonBody } from '../../http/validate.js';
import type { DocumentMetaStore } from '../../storage/documents.js';
import type { NotificationStore } from './store.js';

export interface FollowRouteDeps {
  documents: Pick<DocumentMetaStore, 'withRole'>;
  store: NotificationStore;
}

export function followRoutes(deps: FollowRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.get('/:id/follow', async (c) => {
    const userId = c.get('session').user.id;
    const { doc } = await documentOr404(deps.documents, c.req.param('id'), userId);
    const view: FollowView = { documentId: doc.id, following: await deps.store.isFollowing(userId, doc.id) };
    return c.json(view);
  });
  app.put('/:id/follow', jsonBody(followInput), async (c) => {
    const userId = c.get('session').user.id;
    const { doc } = await documentOr404(deps.documents, c.req.param('id'), userId);
    const { following } = c.req.valid('json');
    await deps.store.setFollowing(userId, doc.id, following);
    const view: FollowView = { documentId: doc.id, following };
    return c.json(view);
  });
  return app;
}
