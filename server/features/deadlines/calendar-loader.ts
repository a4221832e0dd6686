/**
 * The iCalendar writer (calendar.ts), loaded on the first calendar request: ical-generator and the
 * VTIMEZONE table it carries are needed only by subscribed calendar apps, not by an idle server.
 */
export function loadCalendar(): Promise<typeof import('./calendar.js')> {
  return import('./calendar.js');
}
