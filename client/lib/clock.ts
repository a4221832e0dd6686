/** createNow(): the current time as a signal that changes when the wall-clock minute does. */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { msToNextMinute } from './time';

/** A minute-resolution clock; its timers stop when the owner is disposed. */
export function createNow(): Accessor<number> {
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
  return now;
}
