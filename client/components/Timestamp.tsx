/** An instant in the viewer's time zone: "3 hr ago", with the full date and zone on hover and for screen readers. */
import { createEffect, Show, untrack } from 'solid-js';
import { useSession } from '../lib/session';
import { describeInstant } from '../lib/time';

export interface TimestampProps {
  ms: number;
  /** Words before the time, e.g. "Edited". */
  prefix?: string;
  /** Also show the absolute date and time after the relative one. */
  full?: boolean;
}

/** A <time> element that ticks with the session clock. */
export function Timestamp(props: TimestampProps) {
  const session = useSession();
  // A new event (a comment just posted, an edit just made) is newer than the last minute tick: read the
  // clock again, so every timestamp on the page is measured against a clock that has seen it. Future
  // instants (an expiry, a deadline) are no event and leave the clock alone.
  createEffect(() => {
    if (props.ms > untrack(session.now) && props.ms <= Date.now()) session.tick();
  });
  const described = () => describeInstant(props.ms, session.zone(), session.now());
  return (
    <time class="timestamp" datetime={new Date(props.ms).toISOString()} title={`${described().absolute} (${session.zone()})`}>
      <Show when={props.prefix}>{props.prefix} </Show>
      {described().relative}
      <Show when={props.full && described().relative !== described().absolute}>
        <span class="muted"> · {described().absolute}</span>
      </Show>
    </time>
  );
}
