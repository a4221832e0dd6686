/**
 * One line under the toolbar: whether your typing is safe (Saved only when the server has committed
 * all of it), the connection when it is not live, and the word count. Announced politely to screen readers.
 */
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { CloseCode } from '../../shared/protocol/index.js';
import type { ConnectionState, SaveState } from '../editor/status';

export interface StatusLineProps {
  connection: ConnectionState;
  save: SaveState;
  /** Local changes the server has not confirmed yet. */
  pending: number;
  readOnly: boolean;
  words: number | undefined;
  /** Where "Sign in" should come back to. */
  signInNext: string;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/** The words the status line shows for a state. */
export function statusText(props: Pick<StatusLineProps, 'connection' | 'save' | 'pending' | 'readOnly'>): string {
  const state = props.connection;
  switch (state.kind) {
    case 'stopped':
      return state.message;
    case 'offline':
      return props.pending > 0 ? `Offline, ${plural(props.pending, 'change')} kept on this device` : 'Offline. Changes you make are kept on this device';
    case 'reconnecting':
      return props.pending > 0 ? `Reconnecting… (${plural(props.pending, 'change')} kept on this device)` : 'Reconnecting…';
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      if (props.readOnly) return 'Up to date';
      return props.save === 'saved' ? 'Saved' : props.save === 'saving' ? 'Saving…' : 'Connected';
  }
}

export function StatusLine(props: StatusLineProps) {
  const stoppedCode = () => (props.connection.kind === 'stopped' ? props.connection.code : null);
  return (
    <div class="status" role="status" aria-live="polite" data-connection={props.connection.kind} data-save={props.save}>
      <span class="status-dot" aria-hidden="true" />
      <span class="status-text">{statusText(props)}</span>
      <Show when={stoppedCode() === CloseCode.Unauthenticated}>
        <A href={`/signin?next=${encodeURIComponent(props.signInNext)}`}>Sign in</A>
      </Show>
      <Show when={stoppedCode() !== null && stoppedCode() !== CloseCode.Unauthenticated}>
        <button type="button" class="link" onClick={() => location.reload()}>
          Reload
        </button>
      </Show>
      <Show when={props.words !== undefined}>
        <span class="status-words" aria-live="off">
          {plural(props.words ?? 0, 'word')}
        </span>
      </Show>
    </div>
  );
}
