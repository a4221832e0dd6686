/**
 * GET /api/documents/:id/comments: the threads of a document as the server sees them, each marked
 * `orphaned` when its text is gone. Comments themselves are written through the relay, in the
 * sibling document `<id>--comments` (shared/research/comments.ts), which commenters may write.
 */
import { Hono } from 'hono';
import * as Y from 'yjs';
import { commentsDocId, readThreads } from '../../../shared/comments/threads.js';
import { isOrphaned } from './anchors.js';
import { documentOr404 } from '../../http/access.js';
import type { SessionEnv } from '../../http/session.js';
import type { ResearchRouteDeps } from '../versions/routes.js';

function load(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

export function commentRoutes(deps: ResearchRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.get('/:id/comments', async (c) => {
    const { doc } = await documentOr404(deps.auth, c.req.param('id'), c.get('session').user.id);
    const text = load(await deps.hub.readDocument(doc.id));
    const comments = load(await deps.hub.readDocument(commentsDocId(doc.id)));
    try {
      const threads = readThreads(comments).map((t) => ({ ...t, orphaned: isOrphaned(text, t.anchor) }));
      return c.json({ threads });
    } finally {
      text.destroy();
      comments.destroy();
    }
  });
  return app;
}
