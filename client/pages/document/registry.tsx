/** What client/research mounts into the document page (see client/pages/document/slots.ts). */
import type { DocumentPanel, DocumentTool } from '../../editor/document-plugins';
import { CatchUpPanel } from '../../features/catch-up/CatchUpPanel';
import { CommentsPanel } from '../../features/comments/CommentsPanel';
import { DocumentTools } from '../../features/document-tools/DocumentTools';
import { HistoryPanel } from '../../features/versions/HistoryPanel';
import { OutlinePanel } from '../../features/outline/OutlinePanel';
import '../../features/features.css';

export const researchPanels: readonly DocumentPanel[] = [
  { id: 'comments', title: 'Comments', render: (context) => <CommentsPanel context={context} /> },
  { id: 'outline', title: 'Outline', render: (context) => <OutlinePanel context={context} /> },
  { id: 'history', title: 'History', render: (context) => <HistoryPanel context={context} /> },
  { id: 'changes', title: 'Changes', render: (context) => <CatchUpPanel context={context} /> },
];

export const researchTools: readonly DocumentTool[] = [{ id: 'research', render: (context) => <DocumentTools context={context} /> }];
