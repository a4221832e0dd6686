/** `/forgot-password`: ask for a reset link by mail (the answer is the same whether the address has an account). */
import { createSignal, Show } from 'solid-js';
import { ApiError } from '../../lib/api';
import { mailApi } from './api';

export default function ForgotPasswordPage() {
  const [sent, setSent] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget as HTMLFormElement).get('email') ?? '');
    try {
      await mailApi.requestReset(email);
      setSent(true);
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 404 ? 'Password reset by email is not set up on this server: ask its administrator.' : 'Something went wrong. Please try again.');
    }
  };
  return (
    <section class="narrow auth">
      <h1>Forgot your password?</h1>
      <Show when={!sent()} fallback={<p class="notice-info" role="status">If that address has an account, a link to reset its password is on its way. It works for 30 minutes.</p>}>
        <form class="panel form" onSubmit={(event) => void submit(event)}>
          <label>
            Email
            <input name="email" type="email" autocomplete="email" required />
          </label>
          <Show when={error()}>{(message) => <p class="form-error" role="alert">{message()}</p>}</Show>
          <button type="submit" class="primary">Send reset link</button>
        </form>
      </Show>
    </section>
  );
}
