/**
 * `/`: signed in, your recent documents across all groups, then your working groups (open one, create
 * one, or start a document straight away), then the documents shared with you as a guest;
 * signed out, what Confer is and the way in.
 */
import { A } from '@solidjs/router';
import { Match, Switch } from 'solid-js';
import { Loading } from '../components/Loading';
import { RecentList } from '../features/recent/RecentList';
import { SharedWithMe } from '../features/sharing/SharedWithMe';
import { WorkspaceList } from '../features/workspaces/WorkspaceList';
import { useSession } from '../lib/session';

function Landing() {
  return (
    <section class="home">
      <h1>Write together, across time zones</h1>
      <p class="lead">
        Confer is a shared workspace for research protocols, funding proposals and best-practice notes. Your working group edits
        the same document live, sees who is online and what time it is for them, and keeps writing offline.
      </p>
      <div class="actions">
        <A href="/signup" class="button primary">
          Create an account
        </A>
        <A href="/signin" class="button">
          Sign in
        </A>
      </div>
    </section>
  );
}

export default function HomePage() {
  const session = useSession();
  document.title = 'Confer';
  return (
    <Switch fallback={<Loading />}>
      <Match when={session.me() === null}>
        <Landing />
      </Match>
      <Match when={session.me()}>
        <RecentList />
        <WorkspaceList />
        <SharedWithMe />
      </Match>
    </Switch>
  );
}
