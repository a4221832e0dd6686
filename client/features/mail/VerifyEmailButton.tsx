/** In the profile: mails a verification link to your address (email-bound invitations need a verified one). */
import { createSignal, Show } from 'solid-js';
import { ApiError } from '../../lib/api';
import { mailApi } from './api';

export function VerifyEmailButton() {
  const [state, setState] = createSignal<'idle' | 'sent' | 'off' | 'failed'>('idle');
  const ask = async () => {
    try {
      await mailApi.askVerification();
      setState('sent');
    } catch (caught) {
      setState(caught instanceof ApiError && caught.status === 404 ? 'off' : 'failed');
    }
  };
  return (
    <div class="panel form">
      <h2>Email address</h2>
      <Show
        when={state() === 'idle'}
        fallback={
          <p role="status">
            {state() === 'sent' ? 'A verification link is on its way; it works for 48 hours.' : state() === 'off' ? 'This server does not send email.' : 'Something went wrong. Please try again.'}
          </p>
        }
      >
        <p class="hint">Invitations sent to your address can be accepted once it is verified.</p>
        <button type="button" onClick={() => void ask()}>
          Send me a verification link
        </button>
      </Show>
    </div>
  );
}
