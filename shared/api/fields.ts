/**
 * Field rules shared by every API input. Text is NFC-normalised and trimmed before it is measured;
 * lengths count code points, so a name of 80 emoji is as long as a name of 80 letters.
 */
import { z } from 'zod';

/** C0/C1 controls, bidi embeddings/overrides/isolates (they can make a name read as someone else's), lone surrogates. */
const forbiddenChars = /[\p{Cc}\u202A-\u202E\u2066-\u2069\p{Cs}]/u;
/** Five or more stacked combining marks: "zalgo" text that draws over neighbouring lines. */
const stackedMarks = /\p{M}{5,}/u;

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
}

/** A single line of user-visible text (names, titles): 1..max code points, no control or bidi-override characters. */
export function text(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .max(max * 4, `${label} must be at most ${max} characters`)
    .trim()
    .normalize('NFC')
    .min(1, `${label} is required`)
    .refine((s) => codePoints(s) <= max, `${label} must be at most ${max} characters`)
    .refine((s) => !forbiddenChars.test(s), `${label} may not contain control or text-direction characters`)
    .refine((s) => !stackedMarks.test(s), `${label} has too many stacked accent marks`);
}

/** An email address, compared case-insensitively (stored lower-case). */
export const email = z
  .string({ error: 'email must be text' })
  .max(254, 'email must be at most 254 characters')
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'enter a valid email address' }));

export const passwordMin = 10;
export const passwordMax = 256;

/** A new password: 10-256 code points after NFKC (so the same keys give the same password on any keyboard). */
export const newPassword = z
  .string({ error: 'password must be text' })
  .max(passwordMax * 4, `password must be at most ${passwordMax} characters`)
  .normalize('NFKC')
  .refine((s) => codePoints(s) >= passwordMin, `password must be at least ${passwordMin} characters`)
  .refine((s) => codePoints(s) <= passwordMax, `password must be at most ${passwordMax} characters`)
  .refine((s) => !/[\p{Cc}\p{Cs}]/u.test(s), 'password may not contain control characters');

/** A password being checked: only bounded, so that login never says which rule a stored password breaks. */
export const anyPassword = z
  .string({ error: 'password must be text' })
  .min(1, 'password is required')
  .max(passwordMax * 4, `password must be at most ${passwordMax} characters`)
  .normalize('NFKC');

/** True when the runtime knows `zone` as an IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone such as "Europe/Berlin", returned in its canonical spelling. */
export const timeZone = z
  .string({ error: 'time zone must be text' })
  .trim()
  .min(1, 'time zone is required')
  .max(64, 'time zone must be at most 64 characters')
  .refine(isTimeZone, 'unknown time zone: use an IANA name such as Europe/Berlin')
  .transform((zone) => new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone);

const clock = z.string({ error: 'time must be text' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM (24-hour)');

/** Working hours in the user's own time zone; end before start means the hours cross midnight. */
export const workingHours = z
  .object({ start: clock, end: clock }, { error: 'working hours must be { start, end }' })
  .refine((h) => h.start !== h.end, { message: 'working hours must not start and end at the same time', path: ['end'] });

/** Opaque IDs in URLs (documents, workspaces, users, invites). */
export const id = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'not a valid ID');
