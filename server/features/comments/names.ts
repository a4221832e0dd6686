/**
 * The server's names for the authors of a document's comments: its workspace's members, and for
 * anyone who has left, their account (one lookup per such author, who are few).
 */
import type { NamesById } from '../../../shared/comments/authors.js';
import type { AccountStore } from '../../storage/accounts.js';
import type { WorkspaceStore } from '../../storage/workspaces.js';

export interface AuthorNameDeps {
  workspaces: Pick<WorkspaceStore, 'members'>;
  accounts: Pick<AccountStore, 'userById'>;
}

/** Names by id for every id in `authorIds`; an id with no account is left out (its stored name stays). */
export async function authorNames(deps: AuthorNameDeps, workspaceId: string, authorIds: ReadonlySet<string>): Promise<NamesById> {
  const names = new Map((await deps.workspaces.members(workspaceId)).map((m) => [m.userId, m.name]));
  for (const id of authorIds) {
    if (names.has(id)) continue;
    const user = await deps.accounts.userById(id);
    if (user) names.set(id, user.name);
  }
  return names;
}
