/**
 * Fan-out between nodes. One channel per open document; a node subscribes before it loads a room, so
 * nothing published during the load is missed. Messages are idempotent (Yjs updates, awareness with
 * clocks), so duplicates are harmless; a node skips its own messages.
 */

/** What travels between nodes for one document. */
export type BusMessage =
  /** A committed Yjs update (published only after the commit). */
  | { kind: 'update'; payload: Uint8Array }
  /** An awareness update body, already sanitised by the node that accepted it. */
  | { kind: 'awareness'; payload: Uint8Array }
  /** "Some of my updates may not have reached you: re-read the document from storage." */
  | { kind: 'catch-up' };

export type BusHandler = (message: BusMessage) => void;

/** Which live sockets a cluster-wide close applies to (all given fields must match). */
export interface SocketMatch {
  sessionIds?: string[];
  userId?: string;
  docIds?: string[];
}

/** A command for every node: close the matching sockets with `code` (logout, removal, new role or profile, trash). */
export interface CloseCommand {
  match: SocketMatch;
  code: number;
  reason: string;
}

/**
 * "Something in this person's inbox changed": a new notification (its id) or a read. It carries no
 * content: each node reads the row itself, so nothing a node is told can put words in an inbox.
 */
export interface InboxNotice {
  userId: string;
  notificationId: string | null;
}

export interface Bus {
  /** Subscribes to a document's channel; resolves once the subscription is active. */
  subscribe(docId: string, handler: BusHandler): Promise<() => Promise<void>>;
  /** Publishes to the other nodes; never throws (a failed publish is followed by a catch-up). */
  publish(docId: string, message: BusMessage): void;
  /** Sends a close command to every other node. */
  publishClose(command: CloseCommand): void;
  /** Receives close commands from other nodes. */
  onClose(listener: (command: CloseCommand) => void): void;
  /** Called when this node may have missed messages (subscriber reconnected): rooms re-read storage. */
  onMissedMessages(listener: () => void): void;
  /** Tells every other node that a person's inbox changed (their open pages update their bell). */
  publishInbox(notice: InboxNotice): void;
  /** Receives inbox notices from other nodes. */
  onInbox(listener: (notice: InboxNotice) => void): void;
  close(): Promise<void>;
}

/** Single node: nobody to tell. */
export function createLocalBus(): Bus {
  return {
    subscribe: async () => async () => undefined,
    publish: () => undefined,
    publishClose: () => undefined,
    onClose: () => undefined,
    onMissedMessages: () => undefined,
    publishInbox: () => undefined,
    onInbox: () => undefined,
    close: async () => undefined,
  };
}
