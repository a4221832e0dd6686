/**
 * Deadlines as iCalendar (RFC 5545), made by ical-generator: each event starts at the deadline in the
 * zone it was set in (`DTSTART;TZID=Europe/Brussels:20270301T170000`), and the calendar carries a
 * VTIMEZONE for every zone it uses (@touch4it/ical-timezones), so calendar apps convert it right.
 */
import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical from 'ical-generator';
import type { DeadlineRecord } from './store.js';

/** One deadline as the calendar shows it. */
export interface CalendarDeadline extends DeadlineRecord {
  title: string;
  /** Who set it, for the description. */
  setByName: string;
  /** Where the document opens (absolute URL). */
  url: string;
}

/**
 * The zone's name as its VTIMEZONE spells it. ICU still reports some old names as canonical
 * ("Asia/Calcutta") where the tz database's VTIMEZONE says "Asia/Kolkata"; an event's TZID must match
 * the VTIMEZONE's, or calendar apps cannot resolve it.
 */
function calendarZone(zone: string): string {
  return /^TZID:(.+)$/m.exec(getVtimezoneComponent(zone) ?? '')?.[1]?.trim() ?? zone;
}

/** An .ics calendar of `deadlines`, named `name`. */
export function deadlineCalendar(name: string, deadlines: readonly CalendarDeadline[]): string {
  const calendar = ical({ name, prodId: { company: 'Confer', product: 'Deadlines', language: 'EN' } });
  // A zone generator, no calendar-wide zone: each event keeps its own, with a VTIMEZONE for it.
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  for (const d of deadlines) {
    // TZDate gives ical-generator the wall time in the deadline's zone.
    const at = new TZDate(d.at, d.timeZone);
    calendar.createEvent({
      id: `deadline-${d.docId}@confer`,
      start: at,
      end: at,
      timezone: calendarZone(d.timeZone),
      stamp: new Date(d.updatedAt),
      lastModified: new Date(d.updatedAt),
      summary: `Deadline: ${d.title}`,
      description: `Set by ${d.setByName} in Confer.`,
      url: d.url,
    });
  }
  return calendar.toString();
}
