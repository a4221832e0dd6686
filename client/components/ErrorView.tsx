/**
 * What a page shows when loading failed: without a session it sends you to sign in (and back);
 * a 404 says the thing is missing or not yours; anything else explains and offers to try again.
 */
import { A, useLocation, useNavigate } from '@solidjs/router';
import { createEffect, Match, Switch } from 'solid-js';
import { ApiError } from '../lib/api';

export interface ErrorViewProps {
  error: unknown;
  /** Clears the error and loads again. */
  retry: () => void;
}

/** A friendly error panel for a failed page load. */
export function ErrorView(props: ErrorViewProps) {
  const navigate = useNavigate();
  const location = useLocation();
  const status = () => (props.error instanceof ApiError ? props.error.status : -1);
  createEffect(() => {
    if (status() === 401) navigate(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  });
  return (
    <section class="narrow panel notice" role="alert">
      <Switch
        fallback={
          <>
            <h1>Something went wrong</h1>
            <p>{props.error instanceof ApiError ? props.error.message : 'The page could not be shown.'}</p>
            <button type="button" class="primary" onClick={() => props.retry()}>
              Try again
            </button>
          </>
        }
      >
        <Match when={status() === 401}>
          <p>Your session has ended. Taking you to sign in…</p>
        </Match>
        <Match when={status() === 404 || status() === 403}>
          <h1>Not found</h1>
          <p>This page does not exist, or you do not have access to it. If someone shared it with you, ask them for an invitation.</p>
          <A href="/">Back to your working groups</A>
        </Match>
        <Match when={status() === 0}>
          <h1>You are offline</h1>
          <p>Confer cannot reach the server. Check your connection.</p>
          <button type="button" class="primary" onClick={() => props.retry()}>
            Try again
          </button>
        </Match>
      </Switch>
    </section>
  );
}
