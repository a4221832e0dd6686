/** Typed calls for recent documents across all your working groups. */
import type { RecentView } from '../../../shared/api/recent.js';
import type { WorkspaceView } from '../../../shared/api/workspaces.js';
import { request, seg } from '../../lib/api';

export const recentApi = {
  /** Your documents, opened most recently first; `q` narrows by title. */
  list: (options: { q?: string; limit?: number } = {}, signal?: AbortSignal) => {
    const params = [options.q ? `q=${seg(options.q)}` : '', options.limit ? `limit=${options.limit}` : ''].filter(Boolean).join('&');
    return request<RecentView>('GET', `/api/recent${params ? `?${params}` : ''}`, undefined, signal);
  },
  /** Your working groups, for the quick switcher. */
  workspaces: (signal?: AbortSignal) => request<{ workspaces: WorkspaceView[] }>('GET', '/api/workspaces', undefined, signal),
};
