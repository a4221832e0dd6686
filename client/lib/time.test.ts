import { describe, expect, it } from 'vitest';
import { clockIn, describeInstant, formatDateTime, isWithinWorkingHours, msToNextMinute, relativeTime, utcOffset, zoneCity } from './time.js';

const now = Date.UTC(2025, 2, 12, 16, 10); // 12 Mar 2025 16:10 UTC

describe('relativeTime', () => {
  it('says how long ago in Intl.RelativeTimeFormat’s short words, then days, then gives up', () => {
    expect(relativeTime(now - 20_000, now)).toBe('just now');
    expect(relativeTime(now - 60_000, now)).toBe('1 min ago');
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(relativeTime(now - 3 * 3_600_000 - 59_000, now)).toBe('3 hr ago');
    expect(relativeTime(now - 30 * 3_600_000, now)).toBe('yesterday');
    expect(relativeTime(now - 4 * 86_400_000, now)).toBe('4 days ago');
    expect(relativeTime(now - 20 * 86_400_000, now)).toBeNull();
    expect(relativeTime(now + 2 * 3_600_000, now)).toBe('in 2 hr');
    expect(relativeTime(now + 30 * 3_600_000, now)).toBe('tomorrow');
    expect(relativeTime(now + 7 * 86_400_000 - 5_000, now)).toBe('in 7 days');
  });

  it('calls something posted after the clock last ticked "just now", never the future', () => {
    // The shared clock ticks once a minute and the server's clock may be ahead of the browser's.
    expect(relativeTime(now + 1, now)).toBe('just now');
    expect(relativeTime(now + 59_000, now)).toBe('just now');
    expect(describeInstant(now + 30_000, 'UTC', now).relative).toBe('just now');
  });
});

describe('absolute times in the viewer zone', () => {
  it('formats in the given zone, with the year only when it differs', () => {
    expect(formatDateTime(now, 'Asia/Kolkata', now)).toBe('12 Mar, 21:40');
    expect(formatDateTime(now, 'America/New_York', now)).toBe('12 Mar, 12:10');
    expect(formatDateTime(Date.UTC(2023, 0, 2, 9, 0), 'UTC', now)).toBe('2 Jan 2023, 09:00');
    expect(describeInstant(now - 20 * 86_400_000, 'UTC', now).relative).toBe('20 Feb, 16:10');
  });
  it('shows local clocks, cities and offsets', () => {
    expect(clockIn('Asia/Kolkata', now)).toBe('21:40');
    expect(zoneCity('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneCity('UTC')).toBe('UTC');
    expect(zoneCity('Asia/Calcutta')).toBe('Kolkata');
    expect(utcOffset('Asia/Kolkata', now)).toBe('UTC+05:30');
    expect(utcOffset('UTC', now)).toBe('UTC');
  });
  it('knows when the next minute starts', () => {
    expect(msToNextMinute(now)).toBe(60_000);
    expect(msToNextMinute(now + 15_000)).toBe(45_000);
  });
});

describe('isWithinWorkingHours', () => {
  it('checks the clock in the person’s own zone, across midnight too', () => {
    const nine2five = { start: '09:00', end: '17:00' };
    expect(isWithinWorkingHours(nine2five, 'America/New_York', now)).toBe(true); // 12:10 there
    expect(isWithinWorkingHours(nine2five, 'Asia/Kolkata', now)).toBe(false); // 21:40 there
    expect(isWithinWorkingHours({ start: '21:00', end: '05:00' }, 'Asia/Kolkata', now)).toBe(true);
    expect(isWithinWorkingHours(null, 'Asia/Kolkata', now)).toBe(true);
  });
});
