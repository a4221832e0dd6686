/** Countdown wording for a deadline, as a pure function of (deadline, now) so it is tested without a clock. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3 d 4 h left", "5 h 20 min left", "12 min left", "passed 2 d ago". */
export function countdown(at: number, now: number): { text: string; urgent: boolean; passed: boolean } {
  const left = at - now;
  if (left <= 0) {
    const ago = -left;
    const text = ago < HOUR ? `passed ${Math.max(1, Math.floor(ago / MINUTE))} min ago` : ago < DAY ? `passed ${Math.floor(ago / HOUR)} h ago` : `passed ${Math.floor(ago / DAY)} d ago`;
    return { text, urgent: true, passed: true };
  }
  const days = Math.floor(left / DAY);
  const hours = Math.floor((left % DAY) / HOUR);
  const minutes = Math.floor((left % HOUR) / MINUTE);
  const text = days > 0 ? `${days} d ${hours} h left` : hours > 0 ? `${hours} h ${minutes} min left` : `${Math.max(1, minutes)} min left`;
  return { text, urgent: left < DAY, passed: false };
}

/** A `datetime-local` value ("2031-03-15T17:00") for an instant, in the browser's own zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
