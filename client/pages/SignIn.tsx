/** `/signin` and `/signup`: sign in, or create an account, then go back to `?next=`. */
import { useLocation, useNavigate, useSearchParams } from '@solidjs/router';
import { createEffect, createSignal, Show } from 'solid-js';
import { LeftoverCopiesNotice } from '../components/LeftoverCopiesNotice';
import { ApiError, accountApi } from '../lib/api';
import { useSession } from '../lib/session';
import { browserTimeZone, zoneCity } from '../lib/time';

/** The server's rule (shared/api/fields.ts passwordMin); importing that module would ship zod to the browser. */
const passwordMin = 10;

/** Only same-site paths: `?next=https://evil.example` or `//evil.example` must not redirect off-site. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export default function SignInPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const [search] = useSearchParams();
  const mode = () => (location.pathname === '/signup' ? 'signup' : 'signin');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [fields, setFields] = createSignal<Readonly<Record<string, string>>>({});
  const zone = browserTimeZone();

  createEffect(() => {
    document.title = `${mode() === 'signin' ? 'Sign in' : 'Create an account'} · Confer`;
  });

  const switchTo = (target: 'signin' | 'signup') => {
    setError(null);
    setFields({});
    navigate(`/${target}${location.search}`, { replace: true });
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const text = (key: string) => String(data.get(key) ?? '');
    setBusy(true);
    setError(null);
    setFields({});
    try {
      if (mode() === 'signup') {
        await accountApi.signup({ email: text('email'), password: text('password'), name: text('name'), timeZone: zone });
      } else {
        await accountApi.login({ email: text('email'), password: text('password') });
      }
      await session.refresh();
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
  const describedBy = (name: string, hint?: string) => [fields()[name] ? `${name}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined;

  return (
    <section class="narrow auth">
      <h1>{mode() === 'signin' ? 'Sign in' : 'Create your account'}</h1>
      <LeftoverCopiesNotice />
      <Show when={typeof search.next === 'string' && search.next.startsWith('/invite/')}>
        <p class="notice-info">Sign in or create an account to accept your invitation.</p>
      </Show>
      <form class="panel form" onSubmit={(event) => void submit(event)} novalidate={false}>
        <Show when={mode() === 'signup'}>
          <label>
            Name
            <input name="name" autocomplete="name" required maxLength={80} aria-invalid={fields().name ? true : undefined} aria-describedby={describedBy('name')} />
            {fieldError('name')}
          </label>
        </Show>
        <label>
          Email
          <input name="email" type="email" autocomplete="email" required aria-invalid={fields().email ? true : undefined} aria-describedby={describedBy('email')} />
          {fieldError('email')}
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            required
            minLength={mode() === 'signup' ? passwordMin : undefined}
            autocomplete={mode() === 'signup' ? 'new-password' : 'current-password'}
            aria-invalid={fields().password ? true : undefined}
            aria-describedby={describedBy('password', mode() === 'signup' ? 'password-hint' : undefined)}
          />
          <Show when={mode() === 'signup'}>
            <span class="hint" id="password-hint">
              At least {passwordMin} characters. A few unrelated words make a strong one.
            </span>
          </Show>
          {fieldError('password')}
        </label>
        <Show when={mode() === 'signup'}>
          <p class="hint">
            Your time zone: <strong>{zoneCity(zone)}</strong> ({zone}), from this browser. Collaborators see your local time; change it in your profile.
          </p>
        </Show>
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
      <Show when={mode() === 'signin'}>
        <p class="muted">
          <a href="/forgot-password">Forgot your password?</a>
        </p>
      </Show>
      <p class="muted switch-mode">
        <Show
          when={mode() === 'signin'}
          fallback={
            <>
              Already have an account?{' '}
              <button type="button" class="link" onClick={() => switchTo('signin')}>
                Sign in
              </button>
            </>
          }
        >
          New to Confer?{' '}
          <button type="button" class="link" onClick={() => switchTo('signup')}>
            Create an account
          </button>
        </Show>
      </p>
    </section>
  );
}
