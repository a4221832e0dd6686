/**
 * createClock(): the current time as a signal that changes when the wall-clock minute does, and
 * whenever something newer than the last tick appears (`tick`), so a thing posted a second ago is
 * measured against a clock that has seen it.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { msToNextMinute } from './time';

/** A minute-resolution clock that can be told to read the wall clock again. */
export interface Clock {
  now: Accessor<number>;
  /** Reads the wall clock now: an event arrived that may be newer than the last tick. */
  tick(): void;
}

/** A clock whose timers stop when the owner is disposed. */
export function createClock(): Clock {
  const [now, setNow] = createSignal(Date.now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      setNow(Date.now());
      schedule();
    }, msToNextMinute(Date.now()) + 50);
  };
  schedule();
  // Tabs in the background get throttled timers; catch up as soon as the page is visible again.
  const onVisible = () => {
    if (document.visibilityState === 'visible') setNow(Date.now());
  };
  document.addEventListener('visibilitychange', onVisible);
  onCleanup(() => {
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisible);
  });
  return { now, tick: () => setNow(Date.now()) };
}
