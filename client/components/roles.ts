/** Words for roles, as the UI says them. */
import type { Role } from '../../shared/roles.js';

const labels: Record<Role, string> = { owner: 'Owner', editor: 'Editor', commenter: 'Commenter', viewer: 'Viewer' };
const descriptions: Record<Role, string> = {
  owner: 'Edits documents and manages members and invitations',
  editor: 'Creates, edits, renames and trashes documents',
  commenter: 'Reads, comments and suggests changes, cannot edit text directly',
  viewer: 'Reads only',
};

/** "Owner", "Editor", … */
export function roleLabel(role: Role): string {
  return labels[role];
}

/** One line on what the role may do. */
export function roleDescription(role: Role): string {
  return descriptions[role];
}
