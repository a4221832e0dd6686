/** What client/research mounts into the document page (see client/pages/document/slots.ts). */
import type { DocumentPanel, DocumentTool } from '../pages/document/slots';
import { CatchUpPanel } from './CatchUpPanel';
import { CommentsPanel } from './comments/CommentsPanel';
import { DocumentTools } from './DocumentTools';
import { HistoryPanel } from './history/HistoryPanel';
import { OutlinePanel } from './outline/OutlinePanel';
import './research.css';

export const researchPanels: readonly DocumentPanel[] = [
  { id: 'comments', title: 'Comments', render: (context) => <CommentsPanel context={context} /> },
  { id: 'outline', title: 'Outline', render: (context) => <OutlinePanel context={context} /> },
  { id: 'history', title: 'History', render: (context) => <HistoryPanel context={context} /> },
  { id: 'changes', title: 'Changes', render: (context) => <CatchUpPanel context={context} /> },
];

export const researchTools: readonly DocumentTool[] = [{ id: 'research', render: (context) => <DocumentTools context={context} /> }];
