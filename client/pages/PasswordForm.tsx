/**
 * The profile's password change: the current password and a new one. The server ends every other
 * session of the account (their open documents are asked to sign in again); this one stays.
 */
import { createSignal, Show } from 'solid-js';
import { ApiError, accountApi } from '../lib/api';

/** The server's rule (shared/api/fields.ts passwordMin), as on the sign-up form: that module would ship zod. */
const passwordMin = 10;

export function PasswordForm() {
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [fields, setFields] = createSignal<Readonly<Record<string, string>>>({});

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    setBusy(true);
    setDone(null);
    setError(null);
    setFields({});
    try {
      const { signedOut } = await accountApi.changePassword({
        currentPassword: String(data.get('currentPassword') ?? ''),
        newPassword: String(data.get('newPassword') ?? ''),
      });
      form.reset();
      setDone(
        signedOut === 0
          ? 'Password changed.'
          : `Password changed. ${signedOut === 1 ? 'One other session was' : `${signedOut} other sessions were`} signed out.`,
      );
    } catch (caught) {
      if (caught instanceof ApiError) {
        setFields(caught.fields);
        // A field's own message is shown beside it; say the rest once.
        if (Object.keys(caught.fields).length === 0) setError(caught.message);
      } else setError('Could not change your password.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel form password-form" aria-labelledby="password-heading" onSubmit={(event) => void submit(event)}>
      <h2 id="password-heading">Change password</h2>
      <p class="hint">At least {passwordMin} characters. Every other device and browser signed in to your account is signed out.</p>
      <label>
        Current password
        <input
          name="currentPassword"
          type="password"
          required
          autocomplete="current-password"
          aria-invalid={fields().currentPassword ? true : undefined}
        />
        <Show when={fields().currentPassword}>{(m) => <span class="field-error">{m()}</span>}</Show>
      </label>
      <label>
        New password
        <input
          name="newPassword"
          type="password"
          required
          minLength={passwordMin}
          autocomplete="new-password"
          aria-invalid={fields().newPassword ? true : undefined}
        />
        <Show when={fields().newPassword}>{(m) => <span class="field-error">{m()}</span>}</Show>
      </label>
      <Show when={error()}>
        {(message) => (
          <p class="form-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? 'Changing…' : 'Change password'}
        </button>
        <Show when={done()}>
          {(message) => (
            <span class="ok" role="status">
              {message()}
            </span>
          )}
        </Show>
      </div>
    </form>
  );
}
