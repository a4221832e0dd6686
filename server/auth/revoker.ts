/**
 * Closes live sockets when access changes: 4401 when the session is over (the client must sign in),
 * 4403 when the access itself changed (removed, role lowered, document trashed).
 */
import { CloseCode } from '../../shared/protocol/index.js';
import { commentsDocId } from '../../shared/research/comments.js';
import { canWriteDocuments, type Role } from '../../shared/roles.js';
import type { CollabHub } from '../collab/hub.js';
import type { DocumentMetaStore } from '../storage/documents.js';

export class AccessRevoker {
  constructor(
    private readonly hub: CollabHub,
    private readonly documents: DocumentMetaStore,
  ) {}

  /** Logout or expiry: every socket opened with that session, on every node. */
  sessionEnded(sessionId: string, reason: string): number {
    return this.hub.closeMatching({ sessionIds: [sessionId] }, CloseCode.Unauthenticated, reason);
  }

  /** Sessions that are no longer valid (found by each node's own sweep, so closed only here). */
  sessionsEnded(sessionIds: ReadonlySet<string>, reason: string): number {
    return this.hub.closeWhere(
      (conn) => conn.grant.sessionId !== undefined && sessionIds.has(conn.grant.sessionId),
      CloseCode.Unauthenticated,
      reason,
    );
  }

  /**
   * A member's role changed (`role`) or they left the workspace (`null`). Removal closes all their
   * sockets on its documents; a role that can no longer write closes their writable ones, so the client
   * reconnects read-only (or, on comments, with the commenter's write guard). A raised role leaves sockets open: they become writable on the next connect.
   */
  async membershipChanged(workspaceId: string, userId: string, role: Role | null): Promise<number> {
    if (role !== null && canWriteDocuments(role)) return 0;
    const docs = await this.documents.idsInWorkspace(workspaceId);
    // Comment threads live in a sibling document per document. Its writable sockets close too, even for
    // a role that may still comment: an editor's were opened without the commenter's write guard, and
    // the reconnect gets it (a viewer's reconnect is read-only).
    const docIds = [...docs, ...[...docs].map(commentsDocId)];
    if (role === null) {
      return this.hub.closeMatching({ userId, docIds }, CloseCode.Forbidden, 'you are no longer a member of this workspace');
    }
    return this.hub.closeMatching({ userId, docIds, writableOnly: true }, CloseCode.Forbidden, `your role is now ${role}: reconnect read-only`);
  }

  /** The document went to the trash: nobody may keep editing it, on any node. */
  documentTrashed(docId: string): number {
    return this.hub.closeMatching({ docIds: [docId, commentsDocId(docId)] }, CloseCode.Forbidden, 'this document was moved to the trash');
  }
}
