/**
 * The review state an export carries to the conversion thread: for DOCX, the comments document and
 * the names of the group's members (suggestion and comment authors are named by the server, never
 * by what a client wrote); for Markdown and HTML, only how to show suggestions.
 */
import type { SuggestionExportMode } from '../../../shared/api/transfer.js';
import { commentsDocId } from '../../../shared/comments/threads.js';
import type { CollabHub } from '../../collab/hub.js';
import type { DocumentRecord } from '../../storage/documents.js';
import type { WorkspaceStore } from '../../storage/workspaces.js';
import type { ExportFormat } from '../../text/formats.js';
import type { ExportReview } from '../../text/export-review.js';

export interface ExportReviewDeps {
  hub: Pick<CollabHub, 'readDocument'>;
  workspaces: Pick<WorkspaceStore, 'members'>;
  now: () => number;
}

/** The review input of one export of `doc`. */
export async function exportReview(deps: ExportReviewDeps, doc: DocumentRecord, format: ExportFormat, suggestions: SuggestionExportMode): Promise<ExportReview> {
  const at = deps.now();
  if (format !== 'docx') return { names: {}, comments: null, at, suggestions };
  const [members, comments] = await Promise.all([deps.workspaces.members(doc.workspaceId), deps.hub.readDocument(commentsDocId(doc.id))]);
  return { names: Object.fromEntries(members.map((m) => [m.userId, m.name])), comments, at, suggestions };
}
