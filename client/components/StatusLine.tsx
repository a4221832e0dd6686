/** The connection and save status above a document, announced politely to screen readers. */
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { CloseCode } from '../../shared/protocol/index.js';
import type { ConnectionState, SaveState } from '../editor/status';

function label(state: ConnectionState): string {
  switch (state.kind) {
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      return 'Connected';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'offline':
      return 'Offline: your changes are kept here and sent when the connection returns';
    case 'stopped':
      return state.message;
  }
}

export interface StatusLineProps {
  connection: ConnectionState;
  save: SaveState;
  /** Where "Sign in" should come back to. */
  signInNext: string;
}

/** One line: connection state, save state, and what to do when the server stopped us. */
export function StatusLine(props: StatusLineProps) {
  const stoppedCode = () => (props.connection.kind === 'stopped' ? props.connection.code : null);
  return (
    <div class="status" role="status" aria-live="polite" data-connection={props.connection.kind} data-save={props.save}>
      <span class="status-dot" aria-hidden="true" />
      <span class="status-text">{label(props.connection)}</span>
      <Show when={stoppedCode() === CloseCode.Unauthenticated}>
        <A href={`/signin?next=${encodeURIComponent(props.signInNext)}`}>Sign in</A>
      </Show>
      <Show when={stoppedCode() !== null && stoppedCode() !== CloseCode.Unauthenticated}>
        <button type="button" class="link" onClick={() => location.reload()}>
          Reload
        </button>
      </Show>
      <Show when={props.save !== 'unknown'}>
        <span class="status-save">{props.save === 'saved' ? 'Saved' : 'Saving…'}</span>
      </Show>
    </div>
  );
}
