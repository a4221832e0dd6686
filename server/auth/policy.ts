/**
 * The relay's default access policy: the session cookie decides who is connecting, the membership of
 * the document's workspace decides whether they may open it and whether they may write.
 */
import { commentedDocId } from '../../shared/comments/threads.js';
import { can, canWriteDocuments, type Role } from '../../shared/roles.js';
import { colorFor } from '../../shared/colors.js';
import type { AccessPolicy, Identity, UpdateGuard } from '../collab/access.js';
import type { UserRecord } from '../storage/accounts.js';
import type { DocumentMetaStore } from '../storage/documents.js';
import { readSessionToken } from './cookie.js';
import type { SessionManager } from './sessions.js';

/** The presence identity of a user: what others see in awareness, written by the server only. */
export function identityOf(user: UserRecord): Identity {
  return { id: user.id, name: user.name, color: colorFor(user.id), timeZone: user.timeZone, workingHours: user.workingHours ?? undefined };
}

export interface SessionPolicyDeps {
  sessions: SessionManager;
  documents: DocumentMetaStore;
  /** The check a commenter's updates to a comments document go through (assembled in main.ts). */
  commentGuard: (writer: Pick<Identity, 'id' | 'name'>) => UpdateGuard;
  /** The checks of document-body updates (features/suggestions): commenters suggest, editors sign. */
  bodyGuards: { commenter(writerId: string): UpdateGuard; editor(writerId: string): UpdateGuard };
}

/**
 * Whoever may comment writes, through a guard that narrows it. Comments document: commenters only
 * their own part of it (deps.commentGuard), owners and editors moderate it unguarded. Body: commenters
 * only suggestions of their own, editors anything but suggestions signed with someone else's id.
 */
function guardFor(deps: SessionPolicyDeps, role: Role, identity: Identity, commentsDocument: boolean): UpdateGuard | undefined {
  if (!can(role, 'document.comment')) return undefined;
  if (commentsDocument) return canWriteDocuments(role) ? undefined : deps.commentGuard(identity);
  return canWriteDocuments(role) ? deps.bodyGuards.editor(identity.id) : deps.bodyGuards.commenter(identity.id);
}

/**
 * 401 without a valid session. 403 when the user may not open the document: the same answer for a
 * document that does not exist and one in another workspace, so IDs cannot be probed.
 */
export function sessionAccessPolicy(deps: SessionPolicyDeps): AccessPolicy {
  return async function sessionPolicy(request, docId) {
    const valid = await deps.sessions.validate(readSessionToken(request));
    if (!valid) return { allow: false, status: 401, reason: 'sign in to open documents' };
    // `<id>--comments` holds the threads of document <id>: same access, but commenters may write it.
    const commented = commentedDocId(docId);
    const access = await deps.documents.withRole(commented ?? docId, valid.user.id);
    if (!access) return { allow: false, status: 403, reason: 'you do not have access to this document' };
    if (access.doc.deletedAt !== null) return { allow: false, status: 403, reason: 'this document is in the trash' };
    const identity = identityOf(valid.user);
    return {
      allow: true,
      grant: {
        identity,
        canWrite: can(access.role, 'document.comment'),
        sessionId: valid.session.id,
        guardUpdate: guardFor(deps, access.role, identity, commented !== null),
      },
    };
  };
}
