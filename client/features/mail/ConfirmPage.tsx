/**
 * A page that a mailed link opens: it shows what will happen and a button; only the button's POST acts,
 * because mail gateways (hospital filters among them) fetch every GET link before the person clicks.
 */
import { useSearchParams } from '@solidjs/router';
import { createSignal, Show, type JSX } from 'solid-js';
import { ApiError } from '../../lib/api';

export interface ConfirmPageProps {
  title: string;
  explain: string;
  button: string;
  /** Runs the POST with the link's token; resolves to the message shown afterwards. */
  act: (token: string) => Promise<string>;
  children?: JSX.Element;
}

export function ConfirmPage(props: ConfirmPageProps) {
  const [search] = useSearchParams();
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const token = () => (typeof search.token === 'string' ? search.token : '');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setDone(await props.act(token()));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Something went wrong. Please try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="narrow auth">
      <h1>{props.title}</h1>
      <Show when={done()} fallback={
        <form class="panel form" onSubmit={(event) => void submit(event)}>
          <p>{props.explain}</p>
          {props.children}
          <Show when={error()}>{(message) => <p class="form-error" role="alert">{message()}</p>}</Show>
          <button type="submit" class="primary" disabled={busy() || !token()}>
            {busy() ? 'Please wait…' : props.button}
          </button>
        </form>
      }>
        {(message) => <p class="notice-info" role="status">{message()}</p>}
      </Show>
    </section>
  );
}
