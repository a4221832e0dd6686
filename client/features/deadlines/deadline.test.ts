import { describe, expect, it } from 'vitest';
import { countdown, describeDeadline } from './deadline';

const HOUR = 3_600_000;

describe('countdown', () => {
  it('counts days, hours and minutes down, and says when a deadline has passed', () => {
    const now = Date.UTC(2031, 2, 1, 12, 0);
    expect(countdown(now + 3 * 24 * HOUR + 4 * HOUR + 59_000, now)).toEqual({ text: '3 d 4 h left', urgent: false, passed: false });
    expect(countdown(now + 5 * HOUR + 20 * 60_000, now)).toEqual({ text: '5 h 20 min left', urgent: true, passed: false });
    expect(countdown(now + 30_000, now).text).toBe('1 min left');
    expect(countdown(now - 2 * 24 * HOUR, now)).toEqual({ text: 'passed 2 d ago', urgent: true, passed: true });
    expect(countdown(now - 90 * 60_000, now).text).toBe('passed 1 h ago');
  });
});

describe('describeDeadline', () => {
  const closes = Date.UTC(2027, 2, 1, 16, 0); // 17:00 in Brussels
  const now = Date.UTC(2027, 1, 1);

  it('shows the funder’s time with its city, and the reader’s own beside it', () => {
    expect(describeDeadline(closes, 'Europe/Brussels', 'Asia/Kolkata', now)).toEqual({ there: '1 Mar, 17:00 Brussels', here: '21:30 your time' });
    expect(describeDeadline(closes, 'Europe/Brussels', 'Europe/London', now)).toEqual({ there: '1 Mar, 17:00 Brussels', here: '16:00 your time' });
    // In Sydney it is already the next day.
    expect(describeDeadline(closes, 'Europe/Brussels', 'Australia/Sydney', now)).toEqual({ there: '1 Mar, 17:00 Brussels', here: '2 Mar, 03:00 your time' });
  });

  it('says it once when the reader’s clock reads the same', () => {
    expect(describeDeadline(closes, 'Europe/Brussels', 'Europe/Paris', now)).toEqual({ there: '1 Mar, 17:00 Brussels', here: null });
    expect(describeDeadline(closes, 'UTC', 'UTC', now)).toEqual({ there: '1 Mar, 16:00 UTC', here: null });
  });
});
