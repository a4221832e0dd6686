/**
 * The one place that turns instants into words. Every timestamp in the app is shown in the viewer's
 * time zone, with a relative form ("3 hr ago", worded by Intl.RelativeTimeFormat); presence shows other people's local clock and city.
 * Pure functions of (instant, zone, now), so they are tested without a browser clock.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The browser's IANA time zone, or UTC when it does not say. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The words for relative times; "short" gives "5 min ago", "3 hr ago", "in 7 days", and "yesterday". */
const relativeFormat = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto', style: 'short' });

/**
 * "just now", "5 min ago", "3 hr ago", "yesterday", "4 days ago", "in 2 hr"; `null` beyond two weeks.
 * Anything less than a minute away either side is "just now": the shared clock ticks once a minute and
 * the server's clock may run a little ahead, so a thing posted a second ago must never read as future.
 */
export function relativeTime(ms: number, now: number): string | null {
  const delta = now - ms;
  const future = delta < 0;
  const abs = Math.abs(delta);
  if (abs < MINUTE) return 'just now';
  // The past counts whole units elapsed ("3 hr ago" until the 4th hour); the future rounds, so an
  // invitation made just now for 7 days "expires in 7 days", not 6.
  const count = (unit: number) => (future ? Math.round(abs / unit) : Math.floor(abs / unit));
  const say = (n: number, unit: Intl.RelativeTimeFormatUnit) => relativeFormat.format(future ? n : -n, unit);
  if (abs < HOUR) return say(count(MINUTE), 'minute');
  if (abs < DAY) return say(count(HOUR), 'hour');
  const days = count(DAY);
  if (days < 14) return say(days, 'day');
  return null;
}

/** "12 Mar 2025, 14:02" in `zone` (the year only when it is not the current one there). */
export function formatDateTime(ms: number, zone: string, now: number): string {
  const year = (t: number) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric' }).format(t);
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    day: 'numeric',
    month: 'short',
    year: year(ms) === year(now) ? undefined : 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ms);
}

/** A timestamp as the app shows it: relative when recent, the date and time in `zone` always. */
export function describeInstant(ms: number, zone: string, now: number): { relative: string; absolute: string } {
  const absolute = formatDateTime(ms, zone, now);
  return { relative: relativeTime(ms, now) ?? absolute, absolute };
}

/** The 24-hour clock in `zone`: "21:40". */
export function clockIn(zone: string, now: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
}

/** Old IANA names that ICU (and so browsers and Node) still report as canonical, and the city's name today. */
const renamedCities: Readonly<Record<string, string>> = {
  'Asia/Calcutta': 'Kolkata',
  'Asia/Saigon': 'Ho Chi Minh',
  'Asia/Katmandu': 'Kathmandu',
  'Asia/Rangoon': 'Yangon',
  'Europe/Kiev': 'Kyiv',
  'Atlantic/Faeroe': 'Faroe',
  'America/Godthab': 'Nuuk',
};

/** The city part of an IANA zone: "America/Argentina/Buenos_Aires" → "Buenos Aires"; "UTC" stays. */
export function zoneCity(zone: string): string {
  const renamed = renamedCities[zone];
  if (renamed) return renamed;
  const last = zone.split('/').pop() ?? zone;
  return last.replace(/_/g, ' ');
}

/** A zone as a picker shows it: "America/New York", "Asia/Calcutta (Kolkata)". */
export function zoneLabel(zone: string): string {
  const spaced = zone.replace(/_/g, ' ');
  const city = zoneCity(zone);
  return spaced.endsWith(city) ? spaced : `${spaced} (${city})`;
}

/** Minutes since midnight of "HH:MM". */
function minutesOf(clock: string): number {
  const [h = '0', m = '0'] = clock.split(':');
  return Number(h) * 60 + Number(m);
}

/** Working hours in the person's own zone; end before start crosses midnight. */
export interface WorkingHours {
  start: string;
  end: string;
}

/** Whether `now` falls inside `hours` in `zone`. Unknown hours count as inside (nobody is marked away). */
export function isWithinWorkingHours(hours: WorkingHours | null | undefined, zone: string, now: number): boolean {
  if (!hours) return true;
  const current = minutesOf(clockIn(zone, now));
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  return start < end ? current >= start && current < end : current >= start || current < end;
}

/** "UTC+05:30" for `zone` at `now`. */
export function utcOffset(zone: string, now: number): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(now)
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = part?.replace(/^(GMT|UTC)/, '') ?? '';
  return offset === '' || offset === '+00:00' ? 'UTC' : `UTC${offset}`;
}

/** Every IANA zone the browser knows, for pickers; `current` is always included. */
export function knownTimeZones(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(current) ? zones : [current, ...zones];
}

/** Milliseconds until the next minute starts, so clocks tick when the minute changes. */
export function msToNextMinute(now: number): number {
  return MINUTE - (now % MINUTE);
}
