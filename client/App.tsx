/** The application shell: a header and the routed page. */
import { A, Router, type RouteSectionProps } from '@solidjs/router';
import { Suspense } from 'solid-js';
import { routes } from './routes';

function Layout(props: RouteSectionProps) {
  return (
    <>
      <header class="app-header">
        <A href="/" class="brand">
          Confer
        </A>
        <nav>
          <A href="/signin">Sign in</A>
        </nav>
      </header>
      <main class="app-main">
        <Suspense fallback={<p class="muted">Loading…</p>}>{props.children}</Suspense>
      </main>
    </>
  );
}

/** Routes every URL to its page; pages are loaded on demand. */
export function App() {
  return <Router root={Layout}>{routes}</Router>;
}
