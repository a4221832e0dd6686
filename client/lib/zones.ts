/**
 * Finding a time zone among the ~400 IANA zones: by city, region or zone name ("kolkata", "new york",
 * "sao paulo"), or by offset ("+5:30", "UTC-3", "GMT+1"). Pure functions; the picker computes each
 * zone's offset (slowly, so a few at a time) and passes it in.
 */
import { zoneLabel } from './time';

/** A zone as the picker lists it; `offset` is "UTC+05:30", or undefined until it is known. */
export interface ZoneEntry {
  zone: string;
  label: string;
  offset: string | undefined;
}

/** `first` (deduplicated, in order) and then every other zone by its label. */
export function orderZones(zones: readonly string[], first: readonly string[]): string[] {
  const lead = [...new Set(first)];
  const rest = zones.filter((z) => !lead.includes(z)).sort((a, b) => zoneLabel(a).localeCompare(zoneLabel(b)));
  return [...lead, ...rest];
}

/** "+5:30", "UTC+5", "gmt-03:00", "−3", "+0530" → "UTC+05:30" / "UTC-03:00"; "UTC", "GMT", "+0" → "UTC"; else null. */
export function parseOffsetQuery(query: string): string | null {
  const q = query.trim().toLowerCase().replace(/\u2212/g, '-').replace(/\s+/g, '');
  if (q === 'utc' || q === 'gmt' || q === 'z') return 'UTC';
  const match = /^(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(q);
  if (!match) return null;
  const [, sign = '+', hours = '0', minutes = '00'] = match;
  if (Number(hours) > 14 || Number(minutes) > 59) return null;
  if (Number(hours) === 0 && Number(minutes) === 0) return 'UTC';
  return `UTC${sign}${hours.padStart(2, '0')}:${minutes}`;
}

/** Lower case, without accents, with "_" and "/" as spaces: how names are compared. */
function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[_/]/g, ' ');
}

/** Whether `entry` answers `query`: the same offset, or every word of the query found in its names. */
export function matchesZone(entry: ZoneEntry, query: string): boolean {
  const offset = parseOffsetQuery(query);
  if (offset !== null) return entry.offset === offset;
  const words = folded(query).split(/\s+/).filter(Boolean);
  const haystack = folded(`${entry.zone} ${entry.label} ${entry.offset ?? ''}`);
  return words.every((word) => haystack.includes(word));
}
