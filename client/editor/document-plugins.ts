/**
 * Mount points of the document page for other features (comments, version history, export, outline,
 * deadlines: client/research/**). Add an entry here and the page shows it: a toolbar control, or a
 * side panel (tabbed when there are several, stacked under the text on narrow screens).
 */
import type { Editor } from '@tiptap/core';
import type { Accessor, JSX } from 'solid-js';
import type { Awareness } from 'y-protocols/awareness';
import type { MeView } from '../../shared/api/auth.js';
import type { DocumentView } from '../../shared/api/documents.js';
import type { WorkspaceView } from '../../shared/api/workspaces.js';
import { researchPanels, researchTools } from '../pages/document/registry';

/** What a mounted feature may read about the open document. */
export interface DocumentContext {
  docId: string;
  editor: Accessor<Editor | undefined>;
  awareness: Accessor<Awareness | undefined>;
  /** The document's metadata, once loaded. */
  document: Accessor<DocumentView | undefined>;
  /** The working group, with the viewer's role, once loaded. */
  workspace: Accessor<WorkspaceView | undefined>;
  me: Accessor<MeView | null | undefined>;
  /** The viewer may not change the text (viewer and commenter roles). */
  readOnly: Accessor<boolean>;
  /** Opens the side panel with this id (e.g. a toolbar button that shows comments). */
  openPanel(id: string): void;
}

/** A side panel: a tab titled `title` in the side region. */
export interface DocumentPanel {
  id: string;
  title: string;
  render(context: DocumentContext): JSX.Element;
}

/** A control at the end of the toolbar. */
export interface DocumentTool {
  id: string;
  render(context: DocumentContext): JSX.Element;
}

/** Side panels, in tab order. */
export const documentPanels: readonly DocumentPanel[] = [...researchPanels];

/** Toolbar controls, in order. */
export const documentTools: readonly DocumentTool[] = [...researchTools];
