/** Data for `/`: the working groups the user belongs to. */
import { query } from '@solidjs/router';
import { api } from '../lib/api';

export const getWorkspaces = query(async () => (await api.workspaces()).workspaces, 'workspaces');

export function preloadWorkspaces(): void {
  // Signed-out visitors get the landing page; a 401 here is expected and handled by the page.
  getWorkspaces().catch(() => undefined);
}
