/**
 * The comments of one open document: its sibling Yjs document `<docId>--comments` over its own
 * y-websocket connection (the server makes it read-only for viewers), and the threads as a signal.
 */
import { createSignal, type Accessor } from 'solid-js';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { isFatalCloseCode } from '../../../shared/protocol/index.js';
import { commentsDocId, readThreads, type ThreadData } from '../../../shared/comments/threads.js';

export class CommentsStore {
  readonly doc = new Y.Doc();
  readonly threads: Accessor<ThreadData[]>;
  readonly synced: Accessor<boolean>;
  private readonly provider: WebsocketProvider;
  private readonly listeners = new Set<() => void>();

  constructor(docId: string, collabUrl: string) {
    const [threads, setThreads] = createSignal<ThreadData[]>([]);
    const [synced, setSynced] = createSignal(false);
    this.threads = threads;
    this.synced = synced;
    this.provider = new WebsocketProvider(collabUrl, commentsDocId(docId), this.doc, {
      // No `confer=1`: the commit acknowledgements it asks for are read by the text editor's status
      // line only; a stock provider would log them as unknown messages.
      disableBc: true,
      shouldReconnect: (event) => !isFatalCloseCode(event.code),
    });
    this.provider.on('sync', (isSynced: boolean) => setSynced(isSynced));
    this.doc.on('update', () => {
      setThreads(readThreads(this.doc));
      for (const listener of this.listeners) listener();
    });
  }

  /** Called after every change to the threads (the editor redraws its highlights). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.listeners.clear();
    this.provider.destroy();
    this.doc.destroy();
  }
}
