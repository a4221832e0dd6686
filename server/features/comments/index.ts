/**
 * Comments: threads live in the sibling Yjs document `<id>--comments` (shared/comments/threads.ts),
 * written through the relay; the server checks a commenter's writes (guard.ts) and serves the threads
 * with their anchors checked (routes.ts).
 */
export { commentRoutes, type CommentRouteDeps } from './routes.js';
export { commentWriteGuard } from './guard.js';
