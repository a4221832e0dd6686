/**
 * Research state of one open editor: the comments connection, the picked thread and the catch-up
 * answer. It belongs to the editor (kept in a plugin's spec, destroyed with the editor), so the
 * toolbar controls and side panels of a document page share it without any module-level state.
 */
import type { Editor } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { createSignal, type Accessor } from 'solid-js';
import type { CatchUpView } from '../../shared/api/catch-up.js';
import { researchApi } from '../lib/features-api';
import { CommentsStore } from '../features/comments/store';
import { commentHighlights, commentsKey, wordLimits } from '../features/comments/highlights';

export interface ResearchSession {
  comments: CommentsStore;
  /** The thread picked in the panel or by clicking its highlight. */
  activeThread: Accessor<string | null>;
  setActiveThread(id: string | null): void;
  /** What changed since the last visit; undefined while loading, null when it could not be read. */
  catchUp: Accessor<CatchUpView | null | undefined>;
}

const sessionKey = new PluginKey('confer-research-session');

function collabUrl(): string {
  return `${location.origin.replace(/^http/, 'ws')}/collab`;
}

/** The session of `editor`, created on first use and destroyed with the editor. */
export function researchSession(editor: Editor, docId: string): ResearchSession {
  const existing = sessionKey.get(editor.state)?.spec.session as ResearchSession | undefined;
  if (existing) return existing;

  const comments = new CommentsStore(docId, collabUrl());
  const [activeThread, setActive] = createSignal<string | null>(null);
  const [catchUp, setCatchUp] = createSignal<CatchUpView | null | undefined>(undefined);
  const redraw = () => {
    if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(commentsKey, true));
  };
  const session: ResearchSession = {
    comments,
    activeThread,
    setActiveThread: (id) => {
      setActive(id);
      redraw();
    },
    catchUp,
  };
  const stopListening = comments.onChange(redraw);

  // Clicking a highlight picks its thread.
  const carrier = new Plugin({
    key: sessionKey,
    session,
    props: {
      handleClick: (_view, _pos, event) => {
        const target = event.target instanceof Element ? event.target.closest('[data-thread-id]') : null;
        if (target) session.setActiveThread(target.getAttribute('data-thread-id'));
        return false;
      },
    },
  });
  editor.registerPlugin(carrier);
  editor.registerPlugin(commentHighlights(comments.threads, activeThread));
  editor.registerPlugin(wordLimits());

  // Catch-up first, then mark the document as seen from now on; seen again when leaving.
  researchApi
    .catchUp(docId)
    .then(setCatchUp, () => setCatchUp(null))
    .finally(() => void researchApi.visit(docId).catch(() => undefined));
  editor.on('destroy', () => {
    stopListening();
    comments.destroy();
    void fetch(`/api/documents/${encodeURIComponent(docId)}/visit`, { method: 'POST', credentials: 'same-origin', keepalive: true }).catch(() => undefined);
  });
  return session;
}
