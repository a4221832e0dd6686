/** The application shell: a header with the signed-in user, and the routed page. */
import { A, Router, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { ErrorBoundary, Show, Suspense } from 'solid-js';
import { Avatar } from './components/Avatar';
import { ErrorView } from './components/ErrorView';
import { Loading } from './components/Loading';
import { SignedOutNotice } from './components/SignedOutNotice';
import { Bell } from './features/notifications/Bell';
import { QuickSwitcher } from './features/recent/QuickSwitcher';
import { accountApi } from './lib/api';
import { rememberUser } from './lib/last-user';
import { deleteCopies, unsavedCopies } from './lib/local-copies';
import { SessionProvider, useSession } from './lib/session';
import { routes } from './routes';

/** The question asked before signing out deletes changes the server does not have yet. */
function unsavedWarning(copies: { title: string | null }[]): string {
  const titles = copies.map((copy) => (copy.title ? `“${copy.title}”` : 'an untitled document')).join(', ');
  const documents = copies.length === 1 ? '1 document' : `${copies.length} documents`;
  return `Changes to ${documents} (${titles}) are not saved on the server yet. Signing out deletes them from this browser, and they will be lost. Sign out anyway?`;
}

function UserNav() {
  const session = useSession();
  const navigate = useNavigate();
  const signOut = async () => {
    const me = session.me();
    if (!me) return;
    const unsaved = unsavedCopies(me.id);
    if (unsaved.length > 0 && !confirm(unsavedWarning(unsaved))) return;
    // Leave the page first, so an open editor closes its local copy before the copy is deleted.
    navigate('/signin', { replace: true });
    // Even if the server is unreachable, leave: the cookie is HttpOnly and the next request will tell.
    await accountApi.logout().catch(() => undefined);
    // Offline, the server cannot say so: forget this person here all the same (lib/last-user.ts).
    rememberUser(null);
    await session.refresh();
    // A shared computer keeps nothing of this person's documents (lib/local-copies.ts).
    await deleteCopies(me.id);
  };
  return (
    <nav aria-label="Account">
      <Show when={session.me()} fallback={<A href="/signin">Sign in</A>}>
        {(me) => (
          <>
            <QuickSwitcher />
            <A href="/" end class="nav-link">
              Working groups
            </A>
            <Bell />
            {/* Named by its words ("Profile: Ada Lovelace"), which include the visible name (WCAG 2.5.3). */}
            <A href="/profile" class="nav-user">
              <span class="visually-hidden">Profile:</span> <Avatar name={me().name} color={me().color} size="small" />
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
