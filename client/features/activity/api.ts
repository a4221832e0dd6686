/** Typed call for a working group's activity feed. */
import type { ActivityView } from '../../../shared/api/activity.js';
import { request, seg } from '../../lib/api';

export const activityApi = {
  list: (workspaceId: string) => request<{ activity: ActivityView[] }>('GET', `/api/workspaces/${seg(workspaceId)}/activity`),
};
