/**
 * Countdown and zone wording for a deadline, as pure functions of (deadline, zones, now) so they are
 * tested without a clock.
 */
import { clockIn, formatDateTime, zoneCity } from '../../lib/time';

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

/** A deadline as its two readers see it: in the zone it was set in, and in yours when that differs. */
export interface DeadlineWording {
  /** "1 Mar, 17:00 Brussels". */
  there: string;
  /** "21:30 your time" (the date too when it differs); null when your clock reads the same. */
  here: string | null;
}

/** How a deadline at `at`, set in `zone`, reads to someone in `readerZone`. */
export function describeDeadline(at: number, zone: string, readerZone: string, now: number): DeadlineWording {
  const there = formatDateTime(at, zone, now);
  const mine = formatDateTime(at, readerZone, now);
  const zoneName = zone === 'UTC' ? 'UTC' : zoneCity(zone);
  if (mine === there) return { there: `${there} ${zoneName}`, here: null };
  const sameDay = mine.slice(0, mine.lastIndexOf(',')) === there.slice(0, there.lastIndexOf(','));
  return { there: `${there} ${zoneName}`, here: `${sameDay ? clockIn(readerZone, at) : mine} your time` };
}
