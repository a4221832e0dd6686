/** Typed calls for deadlines: a document's, a group's, and the group's calendar feed. */
import type { CalendarFeedView, DeadlineView, WorkspaceDeadlinesView } from '../../../shared/api/deadlines.js';
import { request, seg } from '../../lib/api';

/** A deadline as the tool sets it: the wall time in the zone it belongs to. */
export interface DeadlineChoice {
  local: string;
  timeZone: string;
}

export const deadlinesApi = {
  get: (docId: string) => request<{ deadline: DeadlineView }>('GET', `/api/documents/${seg(docId)}/deadline`),
  /** Sets the deadline ("2027-03-01T17:00" in "Europe/Brussels"), or clears it with null. */
  set: (docId: string, choice: DeadlineChoice | null) =>
    request<{ deadline: DeadlineView }>('PUT', `/api/documents/${seg(docId)}/deadline`, choice ?? { at: null }),
  /** Where the document's deadline downloads as an .ics file. */
  icsUrl: (docId: string) => `/api/documents/${seg(docId)}/deadline.ics`,
  inWorkspace: (workspaceId: string) => request<WorkspaceDeadlinesView>('GET', `/api/workspaces/${seg(workspaceId)}/deadlines`),
  /** When your feed of the group was made (null: none). */
  feed: (workspaceId: string) => request<{ feed: { createdAt: number | null } }>('GET', `/api/workspaces/${seg(workspaceId)}/calendar-feed`),
  /** A new secret feed address; the previous one stops working. */
  newFeed: (workspaceId: string) => request<{ feed: CalendarFeedView }>('POST', `/api/workspaces/${seg(workspaceId)}/calendar-feed`),
  stopFeed: (workspaceId: string) => request<null>('DELETE', `/api/workspaces/${seg(workspaceId)}/calendar-feed`),
};
