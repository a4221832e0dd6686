/** A document's deadline in the group's document list: "Due 1 Mar, 17:00 Brussels (21:30 your time)". */
import { Show } from 'solid-js';
import type { DeadlineView } from '../../../shared/api/deadlines.js';
import { useSession } from '../../lib/session';
import { countdown, describeDeadline } from './deadline';
import './deadlines.css';

export function DeadlineBadge(props: { deadline: DeadlineView | undefined }) {
  const session = useSession();
  return (
    <Show when={props.deadline?.at}>
      {(at) => {
        const words = () => describeDeadline(at(), props.deadline?.timeZone ?? 'UTC', session.zone(), session.now());
        const left = () => countdown(at(), session.now());
        return (
          <span class="tag deadline-badge" classList={{ urgent: left().urgent, passed: left().passed }} title={left().text}>
            Due {words().there}
            <Show when={words().here}>{(here) => <span class="deadline-here"> ({here()})</span>}</Show>
          </span>
        );
      }}
    </Show>
  );
}
