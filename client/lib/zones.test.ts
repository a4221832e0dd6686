import { describe, expect, it } from 'vitest';
import { utcOffset, zoneLabel } from './time.js';
import { matchesZone, orderZones, parseOffsetQuery, type ZoneEntry } from './zones.js';

const now = Date.UTC(2025, 2, 12, 16, 10); // 12 Mar 2025: New York is on daylight time, London not yet
const entry = (zone: string): ZoneEntry => ({ zone, label: zoneLabel(zone), offset: utcOffset(zone, now) });
const zones = ['Europe/London', 'Asia/Kolkata', 'Asia/Calcutta', 'America/New_York', 'America/Sao_Paulo', 'Australia/Sydney', 'UTC', 'Asia/Kathmandu'];
const find = (query: string) => zones.map(entry).filter((e) => matchesZone(e, query)).map((e) => e.zone);

describe('finding a time zone', () => {
  it('finds zones by city or region, in any case and without accents', () => {
    expect(find('kolkata')).toEqual(['Asia/Kolkata', 'Asia/Calcutta']);
    expect(find('New York')).toEqual(['America/New_York']);
    expect(find('são paulo')).toEqual(['America/Sao_Paulo']);
    expect(find('australia')).toEqual(['Australia/Sydney']);
    expect(find('nowhere')).toEqual([]);
  });

  it('finds zones by offset, written as people write it', () => {
    for (const query of ['+5:30', 'UTC+5:30', 'gmt +05:30', '+0530']) expect(find(query)).toEqual(['Asia/Kolkata', 'Asia/Calcutta']);
    expect(find('UTC-4')).toEqual(['America/New_York']);
    expect(find('−3')).toEqual(['America/Sao_Paulo']);
    expect(find('+5:45')).toEqual(['Asia/Kathmandu']);
    expect(find('utc')).toEqual(['Europe/London', 'UTC']);
    expect(parseOffsetQuery('+25')).toBeNull();
    expect(parseOffsetQuery('5')).toBeNull();
  });

  it('lists the browser’s zone first, then the rest by name', () => {
    expect(orderZones(['UTC', 'Europe/London', 'Asia/Kolkata', 'America/New_York'], ['Europe/London', 'Europe/London'])).toEqual([
      'Europe/London',
      'America/New_York',
      'Asia/Kolkata',
      'UTC',
    ]);
  });
});
