/**
 * GET /api/documents/:id/comments: the threads of a document as the server sees them, each marked
 * `orphaned` when its text is gone. Comments themselves are written through the relay, in the
 * sibling document `<id>--comments` (shared/comments/threads.ts), which commenters may write.
 */
import { Hono } from 'hono';
import * as Y from 'yjs';
import { commentsDocId, readThreads } from '../../../shared/comments/threads.js';
import type { CollabHub } from '../../collab/hub.js';
import { documentOr404 } from '../../http/access.js';
import type { SessionEnv } from '../../http/session.js';
import type { DocumentMetaStore } from '../../storage/documents.js';
import { isOrphaned } from './anchors.js';

export interface CommentRouteDeps {
  documents: DocumentMetaStore;
  hub: Pick<CollabHub, 'readDocument'>;
}

function load(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

export function commentRoutes(deps: CommentRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.get('/:id/comments', async (c) => {
    const { doc } = await documentOr404(deps.documents, c.req.param('id'), c.get('session').user.id);
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
