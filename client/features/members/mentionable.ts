/**
 * Who can be @mentioned in a document: its people (GET /api/documents/:id/people), the group's members
 * and the document's guests, marked as guests. A guest is offered only the members who shared the
 * document with them and the other guests, never the group's member list (the server decides).
 */
import type { Mentionable } from '../../lib/mention-query';
import { sharingApi } from '../sharing/api';

export async function loadMentionable(docId: string, _workspaceId?: string): Promise<Mentionable[]> {
  const { people } = await sharingApi.people(docId);
  return people.map((p) => ({ id: p.id, name: p.name, email: p.email }));
}
