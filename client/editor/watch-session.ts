/**
 * Turns provider, document and window events into status-line state: the connection (from y-websocket
 * events) and whether local edits are saved (from the server's "committed" notices, `?confer=1`).
 */
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode, MessageType, SyncStep, readMessage } from '../../shared/protocol/index.js';
import { closeMessage, connectionState, initialFacts, isCommitted, type ConnectionState, type SaveState } from './status.js';

/** Where the watcher reports to. */
export interface SessionListeners {
  connection(state: ConnectionState): void;
  save(state: SaveState): void;
  /** Local changes (transactions) the server has not confirmed as committed yet. */
  pending(count: number): void;
  /** The connection failed and the reason may be a missing session; the caller decides how to check. */
  refused(): void;
  /** The server closed with 4401: there is no valid session. */
  unauthenticated(): void;
  /** The server closed with 4001: the role or profile changed; the provider is already reconnecting. */
  accessChanged(): void;
}

/** A watched session: `stop` ends it for good with a message; `dispose` detaches every listener. */
export interface SessionWatch {
  stop(code: number, message: string): void;
  dispose(): void;
}

/** Attaches the listeners to a provider and its document. `isPersistence` recognises the local copy's origin. */
export function watchSession(
  provider: WebsocketProvider,
  ydoc: Y.Doc,
  listeners: SessionListeners,
  isPersistence: (origin: unknown) => boolean = () => false,
): SessionWatch {
  const facts = initialFacts(navigator.onLine);
  let committed: Map<number, number> | null = null;
  let opened = false;
  // Update frames this tab sent on the current socket, and how many of them the server says are
  // durable. The count catches what a state vector cannot: a change that only deletes.
  let sentFrames = 0;
  let ackedFrames = 0;
  // This client's clock after each of its own transactions that the server has not confirmed yet.
  let unconfirmed: number[] = [];
  const publish = () => listeners.connection(connectionState(facts));
  // On open, y-websocket re-sends our presence with its old clock, which the server and the others
  // ignore once they have seen us leave: renew it (clock + 1), so we reappear at once after a
  // reconnect instead of at the next 15-second renewal, with the new name after a profile change.
  const renewPresence = () => {
    const state = provider.awareness.getLocalState();
    if (state !== null) provider.awareness.setLocalState(state);
  };
  const publishSave = () => {
    const mine = committed?.get(ydoc.clientID) ?? 0;
    unconfirmed = unconfirmed.filter((clock) => clock > mine);
    listeners.pending(unconfirmed.length);
    if (!committed) return listeners.save('unknown');
    const durable = ackedFrames >= sentFrames && isCommitted(committed, Y.decodeStateVector(Y.encodeStateVector(ydoc)));
    listeners.save(durable ? 'saved' : 'saving');
  };

  provider.messageHandlers[MessageType.Committed] = (_encoder, decoder) => {
    // Hand the whole frame to shared/protocol, the one place that knows the framing.
    try {
      const message = readMessage(decoder.arr);
      if (message.kind === 'committed') {
        committed = Y.decodeStateVector(message.stateVector);
        ackedFrames = message.ackedUpdateFrames;
      }
    } catch (error) {
      console.warn('ignoring a malformed "committed" notice', error);
    }
    decoder.pos = decoder.arr.length;
    publishSave();
  };

  const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    facts.socket = status;
    if (status === 'connecting') opened = false;
    if (status === 'connected') {
      opened = true;
      // The server counts update frames per socket, from zero.
      sentFrames = 0;
      ackedFrames = 0;
      if (facts.everSynced) renewPresence();
    }
    if (status !== 'connected') facts.synced = false;
    publish();
  };
  const onSync = (synced: boolean) => {
    facts.synced = synced;
    if (synced) {
      facts.everSynced = true;
      facts.failures = 0;
    }
    publish();
  };
  const onConnectionClose = (event: CloseEvent | null) => {
    // A deliberate "reconnect for your new rights", not a failure: the status line says Reconnecting.
    if (event?.code === CloseCode.AccessChanged) return listeners.accessChanged();
    // `null` means we closed it ourselves (disconnect, watchdog): not a failure of the server.
    if (event === null || facts.synced) return;
    facts.failures += 1;
    facts.socket = 'disconnected';
    // A refused upgrade (401/403 before any 101) reaches the browser only as close code 1006. Ask on
    // the 1st, 2nd, 4th, 8th... failure: the server may be down at first and answer later.
    if (!opened && (facts.failures & (facts.failures - 1)) === 0) listeners.refused();
    publish();
  };
  const stop = (code: number, message: string) => {
    facts.stopped = { code, message };
    provider.disconnect();
    publish();
  };
  const onClosed = ({ code, reason }: { code: number; reason: string }) => {
    stop(code, closeMessage(code, reason));
    if (code === CloseCode.Unauthenticated) listeners.unauthenticated();
  };
  const onOnline = () => {
    facts.online = navigator.onLine;
    // Stop trying while the browser says there is no network, and try at once when it returns
    // instead of waiting out y-websocket's backoff. A socket may also linger half-open while offline.
    if (!facts.stopped) {
      if (facts.online) provider.connect();
      else provider.disconnect();
    }
    publish();
  };
  // y-websocket sends every update not from the server while connected (its handler runs before ours),
  // and answers the server's step1 with one step2 frame: count both exactly as it sends them.
  const socketOpen = () => provider.wsconnected && provider.ws?.readyState === WebSocket.OPEN;
  const syncHandler = provider.messageHandlers[MessageType.Sync];
  provider.messageHandlers[MessageType.Sync] = (encoder, decoder, p, emitSynced, messageType) => {
    const isStep1 = decoder.arr[decoder.pos] === SyncStep.Step1;
    syncHandler?.(encoder, decoder, p, emitSynced, messageType);
    if (isStep1 && socketOpen()) sentFrames += 1;
  };
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider && socketOpen()) sentFrames += 1;
    // Changes from the server (origin: the provider) and from the local copy are not this tab's typing.
    if (origin !== provider && !isPersistence(origin)) unconfirmed.push(Y.getState(ydoc.store, ydoc.clientID));
    publishSave();
  };

  provider.on('status', onStatus);
  provider.on('sync', onSync);
  provider.on('connection-close', onConnectionClose);
  provider.on('closed', onClosed);
  ydoc.on('update', onUpdate);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOnline);
  if (!facts.online) provider.disconnect();
  publish();

  const dispose = () => {
    provider.off('status', onStatus);
    provider.off('sync', onSync);
    provider.off('connection-close', onConnectionClose);
    provider.off('closed', onClosed);
    ydoc.off('update', onUpdate);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOnline);
  };
  return { stop, dispose };
}
