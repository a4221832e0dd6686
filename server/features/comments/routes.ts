/**
 * GET /api/documents/:id/comments: the threads of a document as the server sees them, each marked
 * `orphaned` when its text is gone, and every author under the server's name for their id. Comments themselves are written through the relay, in the
 * sibling document `<id>--comments` (shared/comments/threads.ts), which commenters may write.
 */
import { Hono } from 'hono';
import * as Y from 'yjs';
import { authorIds, withServerNames } from '../../../shared/comments/authors.js';
import { commentsDocId, readThreads, type ThreadData } from '../../../shared/comments/threads.js';
import type { CollabHub } from '../../collab/hub.js';
import { documentOr404 } from '../../http/access.js';
import type { SessionEnv } from '../../http/session.js';
import type { DocumentMetaStore } from '../../storage/documents.js';
import { isOrphaned } from './anchors.js';
import { authorNames, type AuthorNameDeps } from './names.js';

export interface CommentRouteDeps extends AuthorNameDeps {
  documents: DocumentMetaStore;
  hub: Pick<CollabHub, 'readDocument'>;
}

function load(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

/** The threads in `commentsUpdate`, each marked orphaned or not against the text in `textUpdate`. */
function threadsWithAnchors(textUpdate: Uint8Array, commentsUpdate: Uint8Array): Array<ThreadData & { orphaned: boolean }> {
  const text = load(textUpdate);
  const comments = load(commentsUpdate);
  try {
    return readThreads(comments).map((t) => ({ ...t, orphaned: isOrphaned(text, t.anchor) }));
  } finally {
    text.destroy();
    comments.destroy();
  }
}

export function commentRoutes(deps: CommentRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.get('/:id/comments', async (c) => {
    const { doc } = await documentOr404(deps.documents, c.req.param('id'), c.get('session').user.id);
    const threads = threadsWithAnchors(await deps.hub.readDocument(doc.id), await deps.hub.readDocument(commentsDocId(doc.id)));
    const ids = new Set(threads.flatMap((t) => [...authorIds(t)]));
    const names = await authorNames(deps, doc.workspaceId, ids);
    return c.json({ threads: threads.map((t) => ({ ...withServerNames(t, names), orphaned: t.orphaned })) });
  });
  return app;
}
