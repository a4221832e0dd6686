import { describe, expect, it } from 'vitest';
import { collaboratorOf, collaborators } from './presence.js';

const user = (id: string, name: string, extra: Record<string, unknown> = {}) => ({ user: { id, name, color: '#4363d8', timeZone: 'Asia/Kolkata', ...extra } });

describe('presence', () => {
  it('lists everyone but this tab and my other tabs, once per person, by name', () => {
    const states = new Map<number, unknown>([
      [1, user('me', 'Me')],
      [2, user('me', 'Me')],
      [3, user('p', 'Priya', { workingHours: { start: '09:00', end: '17:00' } })],
      [4, user('p', 'Priya')],
      [5, user('a', 'Ada')],
      [6, { cursor: null }],
    ]);
    const list = collaborators(states, 1, 'me');
    expect(list.map((c) => c.name)).toEqual(['Ada', 'Priya']);
    expect(list[1]?.workingHours).toEqual({ start: '09:00', end: '17:00' });
  });
  it('skips malformed users and defaults a missing zone to UTC', () => {
    expect(collaboratorOf({ user: { id: 1, name: 'x', color: '#000' } })).toBeNull();
    expect(collaboratorOf(null)).toBeNull();
    expect(collaboratorOf({ user: { id: 'g', name: 'Guest', color: '#000' } })?.timeZone).toBe('UTC');
    expect(collaboratorOf({ user: { id: 'g', name: 'G', color: '#000', workingHours: { start: '9', end: 'x' } } })?.workingHours).toBeNull();
  });
});
