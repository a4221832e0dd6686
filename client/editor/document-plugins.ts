/**
 * The plug-in contract of the document page: what a feature (comments, version history, export,
 * outline, deadlines: client/features/**) may read about the open document, and the shapes of what
 * it mounts. Types only: the list of mounted features is client/pages/document/registry.tsx, so
 * features import this file and the page imports the registry, and nothing imports back.
 */
import type { Editor } from '@tiptap/core';
import type { Accessor, JSX } from 'solid-js';
import type { Awareness } from 'y-protocols/awareness';
import type { MeView } from '../../shared/api/auth.js';
import type { DocumentView } from '../../shared/api/documents.js';
import type { WorkspaceView } from '../../shared/api/workspaces.js';

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
  /** The viewer is a guest of this one document (features/sharing): never the group's member-only controls. */
  guest?: Accessor<boolean>;
  /** Opens the side panel with this id (e.g. a toolbar button that shows comments). */
  openPanel(id: string): void;
}

/** A side panel: a tab titled `title` in the side region (tabbed when there are several, stacked under the text on narrow screens). */
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

/**
 * Something a feature adds to the live editor whatever panel is open (decorations, a fetch), run once
 * per editor as soon as it is ready (see ready.ts); it cleans up with `editor.on('destroy', …)`.
 */
export interface DocumentAttachment {
  id: string;
  attach(editor: Editor, context: DocumentContext): void;
}
