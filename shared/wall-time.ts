/**
 * Wall-clock times in a named IANA zone, as `datetime-local` inputs write them ("2027-03-01T17:00").
 * A deadline is kept as the instant plus the zone it was set in, so "17:00 Brussels time" stays
 * 17:00 in Brussels for every reader, whatever their own zone.
 */

/** Shape of a wall time: date and minutes, no seconds, no offset. */
export const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The wall time of instant `at` in `zone`: "2027-03-01T17:00". */
export function wallTimeIn(at: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}
