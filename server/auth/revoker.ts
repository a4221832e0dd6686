/**
 * Closes live sockets when access changes: 4401 when the session is over (the client must sign in),
 * 4403 when the access is gone (removed, document trashed), 4001 when it changed (a new role, a new
 * profile): rights and presence identity are fixed per socket, so the client reconnects to get the new ones.
 */
import { CloseCode } from '../../shared/protocol/index.js';
import { commentsDocId } from '../../shared/comments/threads.js';
import type { Role } from '../../shared/roles.js';
import type { CollabHub } from '../collab/hub.js';
import type { DocumentMetaStore } from '../storage/documents.js';
import { linkReaderId } from './links.js';

export class AccessRevoker {
  constructor(
    private readonly hub: CollabHub,
    private readonly documents: DocumentMetaStore,
  ) {}

  /** Logout or expiry: every socket opened with that session, on every node. */
  sessionEnded(sessionId: string, reason: string): number {
    return this.hub.closeMatching({ sessionIds: [sessionId] }, CloseCode.Unauthenticated, reason);
  }

  /** Several sessions ended at once (a password change ends the others), on every node. */
  sessionsSignedOut(sessionIds: string[], reason: string): number {
    if (sessionIds.length === 0) return 0;
    return this.hub.closeMatching({ sessionIds }, CloseCode.Unauthenticated, reason);
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
   * sockets on its documents with 4403. A new role, lowered or raised, closes them with 4001: the
   * reconnect is granted the new role (read-only, writable, or with the commenter's write guard on
   * comments), so a promotion takes effect without a reload and a demotion can never keep writing.
   */
  async membershipChanged(workspaceId: string, userId: string, role: Role | null): Promise<number> {
    const docs = await this.documents.idsInWorkspace(workspaceId);
    // Comment threads live in a sibling document per document, granted from the same role.
    const docIds = [...docs, ...[...docs].map(commentsDocId)];
    if (role === null) {
      return this.hub.closeMatching({ userId, docIds }, CloseCode.Forbidden, 'you are no longer a member of this workspace');
    }
    return this.hub.closeMatching({ userId, docIds }, CloseCode.AccessChanged, `your role is now ${role}: reconnect to get its rights`);
  }

  /**
   * The user edited their profile: presence (`user` in awareness) is written from the identity granted
   * at connect, so every socket of theirs, on every node and in every workspace, reconnects to show it.
   */
  profileChanged(userId: string): number {
    return this.hub.closeMatching({ userId }, CloseCode.AccessChanged, 'your profile changed: reconnect to show it');
  }

  /** The document went to the trash: nobody may keep editing it, on any node. */
  documentTrashed(docId: string): number {
    return this.hub.closeMatching({ docIds: [docId, commentsDocId(docId)] }, CloseCode.Forbidden, 'this document was moved to the trash');
  }

  /** A guest of one document was removed (`null`) or given another role: their sockets on it close or reconnect. */
  guestChanged(docId: string, userId: string, role: Role | null): number {
    const docIds = [docId, commentsDocId(docId)];
    if (role === null) return this.hub.closeMatching({ userId, docIds }, CloseCode.Forbidden, 'you no longer have access to this document');
    return this.hub.closeMatching({ userId, docIds }, CloseCode.AccessChanged, `your role is now ${role}: reconnect to get its rights`);
  }

  /** A read-only link was revoked: every socket opened through it closes, on every node. */
  linkRevoked(linkId: string): number {
    return this.hub.closeMatching({ userId: linkReaderId(linkId) }, CloseCode.Forbidden, 'this link was revoked');
  }

  /** Grants that end at a time (read-only links) and have ended: found by each node's own sweep, closed here. */
  grantsExpired(now: number): number {
    return this.hub.closeWhere(
      (conn) => conn.grant.expiresAt !== undefined && conn.grant.expiresAt <= now,
      CloseCode.Forbidden,
      'this link has expired',
    );
  }
}
