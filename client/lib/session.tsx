/**
 * The signed-in user, the viewer's time zone and a shared minute clock, provided once at the root.
 * `useSession()` throws outside the provider, so a page can never silently run without it.
 */
import { createAsync, query, revalidate } from '@solidjs/router';
import { createContext, createEffect, useContext, type Accessor, type ParentProps } from 'solid-js';
import type { MeView } from '../../shared/api/auth.js';
import { accountApi } from './api';
import { createClock } from './clock';
import { lastUser, rememberUser } from './last-user';
import { keepCopiesOnlyFor } from './local-copies';
import { browserTimeZone } from './time';

/** The signed-in user, or null without a session. Other errors (server down) are thrown. */
export const getMe = query(async (): Promise<MeView | null> => (await accountApi.session()).user, 'me');

/** What every page may read about the viewer. */
export interface Session {
  /** undefined while loading, null when signed out; with the server unreachable, the last user seen signed in here. */
  me: Accessor<MeView | null | undefined>;
  /** The zone timestamps are shown in: the profile's, else the browser's. */
  zone: Accessor<string>;
  /** Wall-clock time, changing every minute. */
  now: Accessor<number>;
  /** Reads the wall clock again at once: something newer than `now()` arrived. */
  tick(): void;
  /** Re-reads the user, and every cached query (answers given to the previous user), after sign-in, sign-out or a profile change. */
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session>();

/** Provides the session to everything below it. */
export function SessionProvider(props: ParentProps) {
  // `known` tells a real answer from an unreachable server: only a real one may delete local copies.
  // Unreachable (an offline start), the last user seen here stands in, so their copies open.
  const answer = createAsync(() =>
    getMe().then(
      (user) => {
        rememberUser(user);
        return { user, known: true };
      },
      () => ({ user: lastUser(), known: false }),
    ),
  );
  const me = () => answer.latest?.user;
  const clock = createClock();
  const zone = () => me()?.timeZone ?? browserTimeZone();
  // A browser keeps offline copies only for whoever is signed in to it (see lib/local-copies.ts).
  createEffect(() => {
    const latest = answer.latest;
    if (latest?.known) void keepCopiesOnlyFor(latest.user?.id ?? null);
  });
  const session: Session = {
    me,
    zone,
    now: clock.now,
    tick: clock.tick,
    refresh: () => revalidate(),
  };
  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
}

/** The session; throws when used outside SessionProvider. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() needs a <SessionProvider> above it');
  return session;
}
