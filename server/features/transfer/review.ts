/**
 * The review state an export carries to the conversion thread: for DOCX, the comments document, the
 * names of the group's members (suggestion and comment authors are named by the server, never by
 * what a client wrote) and the server's time of each suggestion; for Markdown and HTML, only how to
 * show suggestions.
 */
import type { SuggestionExportMode } from '../../../shared/api/transfer.js';
import { commentsDocId } from '../../../shared/comments/threads.js';
import type { CollabHub } from '../../collab/hub.js';
import type { SuggestionTimes } from '../suggestions/index.js';
import type { DocumentRecord } from '../../storage/documents.js';
import type { WorkspaceStore } from '../../storage/workspaces.js';
import type { ExportFormat } from '../../text/formats.js';
import type { ExportReview } from '../../text/export-review.js';

export interface ExportReviewDeps {
  hub: Pick<CollabHub, 'readDocument'>;
  workspaces: Pick<WorkspaceStore, 'members'>;
  /** When the server first committed each suggestion: the tracked changes' dates. */
  times: Pick<SuggestionTimes, 'of'>;
  now: () => number;
}

/** The review input of one export of `doc`. */
export async function exportReview(deps: ExportReviewDeps, doc: DocumentRecord, format: ExportFormat, suggestions: SuggestionExportMode): Promise<ExportReview> {
  const at = deps.now();
  if (format !== 'docx') return { names: {}, comments: null, times: {}, at, suggestions };
  const [members, comments, times] = await Promise.all([deps.workspaces.members(doc.workspaceId), deps.hub.readDocument(commentsDocId(doc.id)), deps.times.of(doc.id)]);
  return {
    names: Object.fromEntries(members.map((m) => [m.userId, m.name])),
    comments,
    times: Object.fromEntries(times.map((t) => [t.id, t.at])),
    at,
    suggestions,
  };
}
