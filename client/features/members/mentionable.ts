/**
 * Who can be @mentioned in a document. Seam: the contract's GET /api/documents/:id/people
 * (shared/api/notifications.ts, the document's people including its guests) replaces the group's
 * members here once the server serves it; callers already pass the document id.
 */
import type { Mentionable } from '../../lib/mention-query';
import { membersApi } from './api';

export async function loadMentionable(_docId: string, workspaceId: string): Promise<Mentionable[]> {
  const { members } = await membersApi.list(workspaceId);
  return members.map((m) => ({ id: m.userId, name: m.name, email: m.email }));
}
