/** The instant of a wall time in a named zone ("17:00 in Brussels on 1 March 2027"). */
import { TZDate } from '@date-fns/tz';
import { WALL_TIME } from '../../../shared/wall-time.js';

/**
 * Epoch milliseconds of `local` ("2027-03-01T17:00") in `zone`. A time that does not exist there (the
 * hour skipped when clocks go forward) moves forward by the gap, as calendar apps do.
 */
export function instantOf(local: string, zone: string): number {
  const match = WALL_TIME.exec(local);
  if (!match) throw new RangeError(`not a wall time: ${local}`);
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  return new TZDate(year, month - 1, day, hour, minute, zone).getTime();
}
