import { describe, expect, it } from 'vitest';
import { email, newPassword, text, timeZone } from './fields.js';

describe('field rules', () => {
  it('normalise text (trim, NFC) and count code points, not UTF-16 units', () => {
    const name = text('name', 3);
    expect(name.parse('  e\u0301a ')).toBe('éa');
    expect(name.safeParse('🧪🧪🧪').success).toBe(true);
    expect(name.safeParse('🧪🧪🧪🧪').success).toBe(false);
  });

  it('refuse direction overrides, controls and stacked marks, but keep real scripts', () => {
    const name = text('name', 80);
    for (const bad of ['a\u202Eb', 'a\u2067b', 'a\u0007b', `x${'\u0353'.repeat(5)}`]) expect(name.safeParse(bad).success).toBe(false);
    for (const good of ['Nguyễn', 'שלום', 'مرحبا', '日本語', 'Zoë']) expect(name.safeParse(good).success).toBe(true);
  });

  it('lower-case emails, canonicalise time zones, bound passwords', () => {
    expect(email.parse(' Ada@Example.ORG ')).toBe('ada@example.org');
    expect(timeZone.parse('europe/paris')).toBe('Europe/Paris');
    expect(timeZone.safeParse('Nowhere/City').success).toBe(false);
    expect(newPassword.safeParse('123456789').success).toBe(false);
    expect(newPassword.safeParse('1234567890').success).toBe(true);
    expect(newPassword.safeParse('x'.repeat(257)).success).toBe(false);
  });
});
