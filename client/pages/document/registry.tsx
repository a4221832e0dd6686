/**
 * What the document page mounts (the contract is client/editor/document-plugins.ts): side panels in
 * tab order, toolbar controls in order, and what is attached to every ready editor. Add an entry here
 * and the page shows it.
 */
import type { DocumentAttachment, DocumentPanel, DocumentTool } from '../../editor/document-plugins';
import { CatchUpPanel } from '../../features/catch-up/CatchUpPanel';
import { ChangesChip } from '../../features/catch-up/ChangesChip';
import { catchUpOf } from '../../features/catch-up/session';
import { CommentsPanel } from '../../features/comments/CommentsPanel';
import { followDeepLink } from '../../features/comments/deep-link';
import { commentsSession } from '../../features/comments/session';
import { DeadlineTool } from '../../features/deadlines/DeadlineTool';
import { FigureTool } from '../../features/figures/FigureTool';
import { acceptImageFiles } from '../../features/figures/paste-drop';
import { OutlinePanel } from '../../features/outline/OutlinePanel';
import { showWordLimits } from '../../features/outline/word-limits';
import { ExportTool } from '../../features/transfer/ExportMenu';
import { HistoryPanel } from '../../features/versions/HistoryPanel';
import { SuggestionsPanel } from '../../features/suggestions/SuggestionsPanel';

/** Side panels, in tab order. */
export const documentPanels: readonly DocumentPanel[] = [
  { id: 'comments', title: 'Comments', render: (context) => <CommentsPanel context={context} /> },
  { id: 'suggestions', title: 'Suggestions', render: (context) => <SuggestionsPanel context={context} /> },
  { id: 'outline', title: 'Outline', render: (context) => <OutlinePanel context={context} /> },
  { id: 'history', title: 'History', render: (context) => <HistoryPanel context={context} /> },
  { id: 'changes', title: 'Changes', render: (context) => <CatchUpPanel context={context} /> },
];

/** Toolbar controls, in order. */
export const documentTools: readonly DocumentTool[] = [
  { id: 'changes', render: (context) => <ChangesChip context={context} /> },
  { id: 'figures', render: (context) => <FigureTool context={context} /> },
  { id: 'deadline', render: (context) => <DeadlineTool context={context} /> },
  { id: 'export', render: (context) => <ExportTool context={context} /> },
];

/** Attached to every ready editor, whichever panel is open. */
export const documentAttachments: readonly DocumentAttachment[] = [
  // Highlights of commented text show (and clicking one picks its thread) with the comments panel closed.
  { id: 'comments', attach: (editor, context) => void commentsSession(editor, context.docId) },
  // ?thread=&comment= and ?mention= (links from the inbox and emails) lead to the exact place.
  { id: 'deep-link', attach: (editor, context) => followDeepLink(editor, context) },
  { id: 'word-limits', attach: (editor) => showWordLimits(editor) },
  // Pasted and dropped images become figures (uploaded first).
  { id: 'figures', attach: (editor, context) => acceptImageFiles(editor, context.docId) },
  // The visit is recorded on opening, whether or not anyone looks at the changes.
  { id: 'catch-up', attach: (editor, context) => void catchUpOf(editor, context.docId) },
];
