/** The application shell: a header with the signed-in user, and the routed page. */
import { A, Router, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { ErrorBoundary, Show, Suspense } from 'solid-js';
import { Avatar } from './components/Avatar';
import { ErrorView } from './components/ErrorView';
import { Loading } from './components/Loading';
import { SignedOutNotice } from './components/SignedOutNotice';
import { accountApi } from './lib/api';
import { SessionProvider, useSession } from './lib/session';
import { routes } from './routes';

function UserNav() {
  const session = useSession();
  const navigate = useNavigate();
  const signOut = async () => {
    // Even if the server is unreachable, leave: the cookie is HttpOnly and the next request will tell.
    await accountApi.logout().catch(() => undefined);
    await session.refresh();
    navigate('/signin', { replace: true });
  };
  return (
    <nav aria-label="Account">
      <Show when={session.me()} fallback={<A href="/signin">Sign in</A>}>
        {(me) => (
          <>
            <A href="/" end class="nav-link">
              Working groups
            </A>
            <A href="/profile" class="nav-user" aria-label={`Profile: ${me().name}`}>
              <Avatar name={me().name} color={me().color} size="small" />
              <span class="nav-user-name">{me().name}</span>
            </A>
            <button type="button" class="ghost" onClick={() => void signOut()}>
              Sign out
            </button>
          </>
        )}
      </Show>
    </nav>
  );
}

function Layout(props: RouteSectionProps) {
  return (
    <SessionProvider>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="app-header">
        <A href="/" class="brand">
          Confer
        </A>
        <Suspense>
          <UserNav />
        </Suspense>
      </header>
      <Suspense>
        <SignedOutNotice />
      </Suspense>
      <main class="app-main" id="main" tabIndex={-1}>
        <ErrorBoundary fallback={(error, reset) => <ErrorView error={error} retry={reset} />}>
          <Suspense fallback={<Loading />}>{props.children}</Suspense>
        </ErrorBoundary>
      </main>
    </SessionProvider>
  );
}

/** Routes every URL to its page; pages are loaded on demand. */
export function App() {
  return <Router root={Layout}>{routes}</Router>;
}
