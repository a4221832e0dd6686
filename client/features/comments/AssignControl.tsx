/**
 * "Assign to" on a thread: anyone who may comment picks one of the document's people (or nobody);
 * the server notifies the assignee (kind `assigned`) once the change is committed.
 */
import { For, Show } from 'solid-js';
import type { CommentAuthor, ThreadData } from '../../../shared/comments/threads.js';
import type { Mentionable } from '../../lib/mention-query';

export interface AssignControlProps {
  thread: ThreadData;
  people: readonly Mentionable[];
  canAssign: boolean;
  onAssign: (assignee: CommentAuthor | null) => void;
}

export function AssignControl(props: AssignControlProps) {
  const choose = (id: string) => {
    const person = props.people.find((p) => p.id === id);
    props.onAssign(person ? { id: person.id, name: person.name } : null);
  };
  return (
    <div class="thread-assign small-text">
      <Show
        when={props.canAssign && !props.thread.resolved}
        fallback={<Show when={props.thread.assignee}>{(who) => <span class="muted">Assigned to {who().name}</span>}</Show>}
      >
        <label>
          Assign to{' '}
          <select value={props.thread.assignee?.id ?? ''} onChange={(event) => choose(event.currentTarget.value)}>
            <option value="">Nobody</option>
            <Show when={props.thread.assignee && !props.people.some((p) => p.id === props.thread.assignee?.id)}>
              <option value={props.thread.assignee?.id ?? ''}>{props.thread.assignee?.name}</option>
            </Show>
            <For each={props.people}>{(person) => <option value={person.id}>{person.name}</option>}</For>
          </select>
        </label>
      </Show>
    </div>
  );
}
