/** `/signin`: sign in, or create an account, then go back to `?next=`. */
import { useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { ApiError, api } from '../lib/api';

/** Only same-site paths: `?next=https://evil.example` or `//evil.example` must not redirect off-site. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export default function SignInPage() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [mode, setMode] = createSignal<'signin' | 'signup'>('signin');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [fields, setFields] = createSignal<Readonly<Record<string, string>>>({});

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const text = (key: string) => String(data.get(key) ?? '');
    setBusy(true);
    setError(null);
    setFields({});
    try {
      if (mode() === 'signup') {
        await api.signup({ email: text('email'), password: text('password'), name: text('name'), timeZone: browserTimeZone() });
      } else {
        await api.login({ email: text('email'), password: text('password') });
      }
      navigate(safeNext(search.next), { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError) {
        setError(caught.message);
        setFields(caught.fields);
      } else {
        setError('Something went wrong. Please try again.');
      }
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (name: string) => (
    <Show when={fields()[name]}>
      {(message) => (
        <span class="field-error" id={`${name}-error`}>
          {message()}
        </span>
      )}
    </Show>
  );
  const invalid = (name: string) => (fields()[name] ? { 'aria-invalid': true, 'aria-describedby': `${name}-error` } : {});

  return (
    <section class="narrow auth">
      <h1>{mode() === 'signin' ? 'Sign in' : 'Create your account'}</h1>
      <form onSubmit={(event) => void submit(event)}>
        <Show when={mode() === 'signup'}>
          <label>
            Name
            <input name="name" autocomplete="name" required maxLength={80} {...invalid('name')} />
            {fieldError('name')}
          </label>
        </Show>
        <label>
          Email
          <input name="email" type="email" autocomplete="email" required {...invalid('email')} />
          {fieldError('email')}
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            required
            autocomplete={mode() === 'signup' ? 'new-password' : 'current-password'}
            {...invalid('password')}
          />
          {fieldError('password')}
        </label>
        <Show when={error()}>
          {(message) => (
            <p class="form-error" role="alert">
              {message()}
            </p>
          )}
        </Show>
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? 'Please wait…' : mode() === 'signin' ? 'Sign in' : 'Create account'}
        </button>
      </form>
      <p class="muted">
        <Show
          when={mode() === 'signin'}
          fallback={
            <>
              Already have an account?{' '}
              <button type="button" class="link" onClick={() => setMode('signin')}>
                Sign in
              </button>
            </>
          }
        >
          New to Confer?{' '}
          <button type="button" class="link" onClick={() => setMode('signup')}>
            Create an account
          </button>
        </Show>
      </p>
    </section>
  );
}
