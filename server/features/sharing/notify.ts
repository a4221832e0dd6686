/** The notification a new guest gets: "<who> shared <document> with you", unless they turned invitations off. */
import type { DocumentRecord } from '../../storage/documents.js';
import type { SharingDeps } from './deps.js';

export async function notifySharedWith(deps: Pick<SharingDeps, 'notifications'>, doc: DocumentRecord, guestId: string, by: string, at: number): Promise<void> {
  const notifications = deps.notifications;
  if (!notifications) return;
  const prefs = await notifications.preferencesOf(guestId);
  if (prefs.kinds.invitation === 'off') return;
  await notifications.deliver([
    {
      userId: guestId,
      kind: 'invitation',
      actorId: by,
      workspaceId: doc.workspaceId,
      docId: doc.id,
      target: { type: 'document' },
      excerpt: doc.title,
      // Shared again after a removal is news again.
      sourceKey: `shared:${doc.id}:${guestId}:${String(at)}`,
    },
  ]);
}
