/**
 * A recipient's waking hours in their own time zone: their working hours when set, else 08:00-20:00.
 * Every instant is built from local wall-clock fields with @date-fns/tz, never by adding offsets, so a
 * daylight-saving change still lands on local 08:00.
 */
import { TZDate } from '@date-fns/tz';

/** "HH:MM" start and end, local. An end before the start spans midnight (night shifts). */
export interface LocalWindow {
  start: string;
  end: string;
}

export const defaultWindow: LocalWindow = { start: '08:00', end: '20:00' };

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Whether `at` falls inside the window in `timeZone`. */
export function isAwake(at: number, timeZone: string, window: LocalWindow): boolean {
  const local = new TZDate(at, timeZone);
  const now = local.getHours() * 60 + local.getMinutes();
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  return start <= end ? now >= start && now < end : now >= start || now < end;
}

/** The next instant at or after `at` where the window starts in `timeZone` (today's start if still ahead). */
export function nextStart(at: number, timeZone: string, window: LocalWindow): number {
  const local = new TZDate(at, timeZone);
  const start = minutesOf(window.start);
  const [y, mo, d] = [local.getFullYear(), local.getMonth(), local.getDate()];
  const today = new TZDate(y, mo, d, Math.floor(start / 60), start % 60, timeZone).getTime();
  if (today >= at) return today;
  return new TZDate(y, mo, d + 1, Math.floor(start / 60), start % 60, timeZone).getTime();
}

/** `at` itself when the recipient is awake, else the start of their next waking window. */
export function nextSendable(at: number, timeZone: string, window: LocalWindow): number {
  return isAwake(at, timeZone, window) ? at : nextStart(at, timeZone, window);
}

/** The local calendar date of `at` in `timeZone`, as YYYY-MM-DD. */
export function localDate(at: number, timeZone: string): string {
  const local = new TZDate(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/**
 * "The evening before" `at`: half an hour before the end of the last waking window that closed before
 * `at` in `timeZone` (a reminder that would fall in the night comes while the person is still awake).
 */
export function eveningBefore(at: number, timeZone: string, window: LocalWindow): number {
  const local = new TZDate(at, timeZone);
  const end = minutesOf(window.end);
  const [y, mo, d] = [local.getFullYear(), local.getMonth(), local.getDate()];
  let close = new TZDate(y, mo, d, Math.floor(end / 60), end % 60, timeZone).getTime();
  if (close > at) close = new TZDate(y, mo, d - 1, Math.floor(end / 60), end % 60, timeZone).getTime();
  return close - 30 * 60_000;
}
