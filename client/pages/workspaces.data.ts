/** Data for `/`: the working groups the user belongs to. */
import { query } from '@solidjs/router';
import { workspacesApi } from '../features/workspaces/api';
import { getMe } from '../lib/session';

export const getWorkspaces = query(async () => (await workspacesApi.list()).workspaces, 'workspaces');

export function preloadWorkspaces(): void {
  // Signed-out visitors get the landing page: ask only for someone who is signed in.
  getMe()
    .then((me) => (me ? getWorkspaces() : null))
    .catch(() => undefined);
}
