/**
 * Comments on one open editor: the connection to the document's comments, the picked thread, and the
 * highlights of commented text. It belongs to the editor (see per-editor.ts), so the comments panel
 * and anything else on the page share one connection, closed with the editor.
 */
import type { Editor } from '@tiptap/core';
import { PluginKey } from '@tiptap/pm/state';
import { createSignal, type Accessor } from 'solid-js';
import { perEditor } from '../../editor/per-editor';
import { commentHighlights, commentsKey } from './highlights';
import { CommentsStore } from './store';

export interface CommentsSession {
  comments: CommentsStore;
  /** The thread picked in the panel or by clicking its highlight. */
  activeThread: Accessor<string | null>;
  setActiveThread(id: string | null): void;
  /** Whether a new comment on the selected text is being written (its text stays highlighted). */
  setDrafting(drafting: boolean): void;
}

const sessionKey = new PluginKey('confer-comments-session');

function collabUrl(): string {
  return `${location.origin.replace(/^http/, 'ws')}/collab`;
}

/** The comments session of `editor`, created on first use and destroyed with the editor. */
export function commentsSession(editor: Editor, docId: string): CommentsSession {
  return perEditor(editor, sessionKey, () => {
    const comments = new CommentsStore(docId, collabUrl());
    const [activeThread, setActive] = createSignal<string | null>(null);
    const [drafting, setDraftingSignal] = createSignal(false);
    const redraw = () => {
      if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(commentsKey, true));
    };
    const session: CommentsSession = {
      comments,
      activeThread,
      setActiveThread: (id) => {
        setActive(id);
        redraw();
      },
      setDrafting: (value) => {
        setDraftingSignal(value);
        redraw();
      },
    };
    const stopListening = comments.onChange(redraw);
    editor.registerPlugin(commentHighlights(comments.threads, activeThread, drafting));
    editor.on('destroy', () => {
      stopListening();
      comments.destroy();
    });
    return {
      value: session,
      props: {
        // Clicking a highlight picks its thread.
        handleClick: (_view, _pos, event) => {
          const target = event.target instanceof Element ? event.target.closest('[data-thread-id]') : null;
          if (target) session.setActiveThread(target.getAttribute('data-thread-id'));
          return false;
        },
      },
    };
  });
}
