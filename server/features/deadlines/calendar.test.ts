import { describe, expect, it } from 'vitest';
import { deadlineCalendar, type CalendarDeadline } from './calendar.js';

const deadline = (docId: string, at: number, timeZone: string): CalendarDeadline => ({
  docId,
  at,
  timeZone,
  setBy: 'u1',
  updatedAt: Date.UTC(2027, 0, 1),
  title: `Call ${docId}`,
  setByName: 'Priya Patel',
  url: `https://confer.example/d/${docId}`,
});

describe('deadlineCalendar', () => {
  it('writes each deadline in its own zone, with a VTIMEZONE whose TZID its events use', () => {
    const ics = deadlineCalendar('Grants', [
      deadline('a', Date.UTC(2027, 2, 1, 16, 0), 'Europe/Brussels'),
      // ICU's canonical name; the tz database's VTIMEZONE calls it Asia/Kolkata.
      deadline('b', Date.UTC(2027, 2, 1, 11, 30), 'Asia/Calcutta'),
      deadline('c', Date.UTC(2027, 2, 1, 22, 0), 'America/New_York'),
    ]).replace(/\r\n/g, '\n');
    const starts = [...ics.matchAll(/^DTSTART;TZID=([^:]+):(\d{8}T\d{6})$/gm)].map((m) => [m[1], m[2]]);
    expect(starts).toEqual([
      ['Europe/Brussels', '20270301T170000'],
      ['Asia/Kolkata', '20270301T170000'],
      ['America/New_York', '20270301T170000'],
    ]);
    const zones = [...ics.matchAll(/^BEGIN:VTIMEZONE\nTZID:(.+)$/gm)].map((m) => m[1]);
    expect(zones.sort()).toEqual(['America/New_York', 'Asia/Kolkata', 'Europe/Brussels']);
    expect(ics).toContain('UID:deadline-a@confer');
    expect(ics).toContain('URL;VALUE=URI:https://confer.example/d/a');
  });
});
