/**
 * Secrets for sessions and invitations, after Lucia's session guide (lucia-auth.com/sessions/basic):
 * a token is `<id>.<secret>`, each half 120 random bits; only SHA-256 of the secret is stored and it
 * is compared in constant time. The ID is looked up, the secret is never used as a lookup key.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeHex, encodeHexLowerCase } from '@oslojs/encoding';

// a-z and 0-9 without l, o, 0, 1: 32 symbols, so each byte's top 5 bits pick one without bias.
const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
const part = /^[a-km-np-z2-9]{24}$/;

/** 24 characters from a CSPRNG, 120 bits of entropy: IDs and secrets alike. */
export function generateSecureRandomString(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  let out = '';
  for (const byte of bytes) out += alphabet[byte >> 3];
  return out;
}

/** SHA-256 of a secret, hex: the only form in which a secret reaches the database. */
export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** Constant-time check of a presented secret against a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  let stored: Uint8Array;
  try {
    stored = decodeHex(storedHash);
  } catch {
    return false;
  }
  return constantTimeEqual(sha256(new TextEncoder().encode(secret)), stored);
}

/** A fresh token and what to store for it. */
export interface NewToken {
  id: string;
  token: string;
  secretHash: string;
}

export function newToken(): NewToken {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  return { id, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

/** Splits `<id>.<secret>`; null for anything not shaped like a token we issued. */
export function splitToken(token: string | undefined | null): { id: string; secret: string } | null {
  if (!token || token.length !== 49) return null;
  const [id, secret, extra] = token.split('.');
  if (extra !== undefined || !id || !secret || !part.test(id) || !part.test(secret)) return null;
  return { id, secret };
}
