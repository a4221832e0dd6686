import { describe, expect, it } from 'vitest';
import { generateSecureRandomString, hashSecret, newToken, secretMatches, splitToken } from './tokens.js';

describe('session tokens', () => {
  it('are <id>.<secret>, 24 characters each from a 32-symbol alphabet, and differ every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { id, token, secretHash } = newToken();
      expect(token).toMatch(/^[a-km-np-z2-9]{24}\.[a-km-np-z2-9]{24}$/);
      expect(token.startsWith(`${id}.`)).toBe(true);
      expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
      seen.add(token);
    }
    expect(seen.size).toBe(200);
    expect(generateSecureRandomString()).toHaveLength(24);
  });

  it('match only the exact secret', () => {
    const { token, secretHash } = newToken();
    const parts = splitToken(token);
    if (!parts) throw new Error('token did not parse');
    expect(secretMatches(parts.secret, secretHash)).toBe(true);
    expect(secretMatches(parts.secret.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), secretHash)).toBe(false);
    expect(secretMatches(parts.secret, hashSecret('other'))).toBe(false);
    expect(secretMatches(parts.secret, 'not hex')).toBe(false);
    expect(secretMatches(parts.secret, '')).toBe(false);
  });

  it('refuse anything not shaped like a token we issued', () => {
    for (const bad of [undefined, null, '', 'a.b', 'x'.repeat(49), `${'a'.repeat(24)}.${'a'.repeat(23)}`, `${'a'.repeat(24)}.${'l'.repeat(24)}`, `${'A'.repeat(24)}.${'a'.repeat(24)}`]) {
      expect(splitToken(bad)).toBeNull();
    }
  });
});
