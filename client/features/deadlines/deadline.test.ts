import { describe, expect, it } from 'vitest';
import { countdown } from './deadline';

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
