/**
 * The people in the document: their colour, name, local time and city ("Priya, 21:40 Kolkata"),
 * marked when it is outside their working hours. Ticks with the session's minute clock.
 */
import { For, Show } from 'solid-js';
import { Avatar } from '../components/Avatar';
import { useSession } from '../lib/session';
import { clockIn, isWithinWorkingHours, utcOffset, zoneCity } from '../lib/time';
import type { Collaborator } from './presence';

export function PresenceList(props: { people: Collaborator[] }) {
  const session = useSession();
  return (
    <div class="presence" aria-label="People in this document">
      <Show when={props.people.length > 0} fallback={<span class="presence-alone muted">Only you are here</span>}>
        <ul class="presence-list">
          <For each={props.people}>
            {(person) => {
              const away = () => !isWithinWorkingHours(person.workingHours, person.timeZone, session.now());
              const clock = () => clockIn(person.timeZone, session.now());
              return (
                <li
                  class="presence-person"
                  classList={{ away: away() }}
                  data-user-id={person.id}
                  title={`${person.name}: ${clock()} in ${zoneCity(person.timeZone)} (${utcOffset(person.timeZone, session.now())})${
                    person.workingHours ? `, works ${person.workingHours.start}–${person.workingHours.end}` : ''
                  }`}
                >
                  <span class="presence-avatar" style={{ 'border-color': person.color }}>
                    <Avatar name={person.name} color={person.color} size="small" />
                  </span>
                  <span class="presence-text">
                    <span class="presence-name">{person.name}</span>
                    <span class="presence-time">
                      , {clock()} {zoneCity(person.timeZone)}
                    </span>
                    <Show when={away()}>
                      <span class="presence-away">
                        <span aria-hidden="true"> ☾</span>
                        <span class="visually-hidden"> (outside working hours)</span>
                      </span>
                    </Show>
                  </span>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </div>
  );
}
