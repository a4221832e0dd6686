/**
 * createCollabEditor(): a TipTap editor bound to one Confer document. Owns the Y.Doc, the local copy
 * in IndexedDB, the y-websocket provider and the editor; creates them once the element is mounted and
 * destroys all of them when the owner is disposed or the document changes.
 */
import { Editor, type AnyExtension } from '@tiptap/core';
import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { createEffect, createSignal, onCleanup, onMount, untrack, type Accessor } from 'solid-js';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DOCUMENT_FRAGMENT } from '../../shared/editor/extensions.js';
import { isFatalCloseCode } from '../../shared/protocol/index.js';
import type { CaretUser } from '../lib/guest';
import { renderCaret } from './caret';
import type { ConnectionState, SaveState } from './status';
import { watchSession, type SessionWatch } from './watch-session';

/** Inputs, as accessors: a new docId or element rebuilds the editor; a new user only renames the caret. */
export interface CollabEditorOptions {
  docId: Accessor<string>;
  element: Accessor<HTMLElement | undefined>;
  user: Accessor<CaretUser>;
  /** The schema and client behaviour (toolbar shortcuts, placeholder, counts); Collaboration is added here. */
  extensions: () => AnyExtension[];
  /** Whether the text may be changed (read-only roles get false). */
  editable?: Accessor<boolean>;
  /** IndexedDB database name for the local copy; null keeps no local copy. Read once per document. */
  localCopyName?: Accessor<string | null>;
  /** Extra query parameters of the socket (a read-only link's `link` token). Read once per document. */
  params?: Accessor<Record<string, string>>;
  /** Base URL of the relay; defaults to this page's origin + /collab. */
  collabUrl?: Accessor<string>;
  /** The connection was refused before it opened; the caller finds out why (the browser only sees 1006). */
  onRefused?: () => void;
  /** The server closed the socket with 4401. */
  onUnauthenticated?: () => void;
  /** The server closed the socket with 4001 (new role or profile); the editor reconnects by itself. */
  onAccessChanged?: () => void;
}

/** What the page reads back. */
export interface CollabEditor {
  editor: Accessor<Editor | undefined>;
  connection: Accessor<ConnectionState>;
  save: Accessor<SaveState>;
  /** Local changes not yet confirmed as committed by the server. */
  pending: Accessor<number>;
  /** The document's presence states (the server writes each `user`). */
  awareness: Accessor<Awareness | undefined>;
  /** The local copy has loaded (or there is none), so closing the tab loses nothing typed since. */
  localCopyReady: Accessor<boolean>;
  /** Stops reconnecting for good and shows `message` (e.g. the API says the document does not exist). */
  stop(code: number, message: string): void;
}

/** The relay endpoint for pages served by Confer (or by the Vite dev server, which proxies it). */
export function defaultCollabUrl(): string {
  return `${location.origin.replace(/^http/, 'ws')}/collab`;
}

export function createCollabEditor(options: CollabEditorOptions): CollabEditor {
  const [connection, setConnection] = createSignal<ConnectionState>({ kind: 'connecting' });
  const [save, setSave] = createSignal<SaveState>('unknown');
  const [pending, setPending] = createSignal(0);
  const [awareness, setAwareness] = createSignal<Awareness>();
  const [localCopyReady, setLocalCopyReady] = createSignal(false);
  const [current, setCurrent] = createSignal<Accessor<Editor | undefined>>(() => undefined);
  // The live session's stop(), replaced whenever the document or element changes.
  let stopSession: SessionWatch['stop'] = () => undefined;

  onMount(() => {
    createEffect(() => {
      const docId = options.docId();
      const element = options.element();
      if (!element) return;
      untrack(() => {
        const user = options.user();
        const ydoc = new Y.Doc();
        const localName = options.localCopyName?.() ?? null;
        // The local copy loads into the same Y.Doc as the socket: the CRDT merges both, in any order.
        const local = localName ? new IndexeddbPersistence(localName, ydoc) : null;
        if (local) void local.whenSynced.then(() => setLocalCopyReady(true));
        else setLocalCopyReady(false);
        const provider = new WebsocketProvider(options.collabUrl?.() ?? defaultCollabUrl(), docId, ydoc, {
          params: { ...options.params?.(), confer: '1' },
          // Every change goes through the server, which enforces roles; tabs do not sync behind its back.
          disableBc: true,
          shouldReconnect: (event) => !isFatalCloseCode(event.code),
        });
        setAwareness(provider.awareness);
        const watch = watchSession(
          provider,
          ydoc,
          {
            connection: setConnection,
            save: setSave,
            pending: setPending,
            refused: () => options.onRefused?.(),
            unauthenticated: () => options.onUnauthenticated?.(),
            accessChanged: () => options.onAccessChanged?.(),
          },
          (origin) => local !== null && origin === local,
        );
        // Built here, untracked, not with solid-tiptap's createTiptapEditor: that one rebuilds the editor
        // whenever a signal read while it is built changes (an extension reading a name for a tooltip),
        // and each rebuild ends the editor's catch-up, comments socket and decorations with it.
        const editor = new Editor({
          element,
          editable: untrack(() => options.editable?.() ?? true),
          extensions: [
            ...options.extensions(),
            Collaboration.configure({ document: ydoc, field: DOCUMENT_FRAGMENT }),
            CollaborationCaret.configure({ provider, user: { ...user }, render: renderCaret }),
          ],
          editorProps: { attributes: { class: 'doc-body', 'aria-label': 'Document text', role: 'textbox', 'aria-multiline': 'true', spellcheck: 'true' } },
        });
        setCurrent(() => () => editor);
        stopSession = watch.stop;
        onCleanup(() => {
          // The editor goes first, while its document and provider still exist.
          editor.destroy();
          stopSession = () => undefined;
          setCurrent(() => () => undefined);
          setAwareness(undefined);
          watch.dispose();
          provider.destroy();
          void local?.destroy();
          ydoc.destroy();
          setConnection({ kind: 'connecting' });
          setSave('unknown');
          setPending(0);
          setLocalCopyReady(false);
        });
      });
    });

    // Editor commands dispatch transactions synchronously, and listeners of those (toolbar state, word
    // count) read and write signals: run them untracked, or this effect would depend on its own output.
    createEffect(() => {
      const user = options.user();
      const editor = current()();
      if (editor) untrack(() => editor.commands.updateUser({ ...user }));
    });

    createEffect(() => {
      const editable = options.editable?.() ?? true;
      const editor = current()();
      if (editor && editor.isEditable !== editable) untrack(() => editor.setEditable(editable));
      // The text is a textbox to assistive technology (role above); say when it cannot be changed.
      if (editor) editor.view.dom.setAttribute('aria-readonly', String(!editable));
    });
  });

  return {
    editor: () => current()(),
    connection,
    save,
    pending,
    awareness,
    localCopyReady,
    stop: (code, message) => stopSession(code, message),
  };
}
