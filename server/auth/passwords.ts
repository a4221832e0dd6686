/**
 * Argon2id password hashing (OWASP's minimum: m=19456 KiB, t=2, p=1). @node-rs/argon2 runs hash and
 * verify on libuv's thread pool, so a login never blocks the event loop that relays documents.
 */
import { hash, verify, type Algorithm } from '@node-rs/argon2';

const params = {
  // Algorithm is a const enum in the typings (unusable with isolatedModules): 2 = Argon2id.
  algorithm: 2 as Algorithm,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

/** A PHC string with salt and parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, params);
}

/** False for a wrong password or an unreadable stored hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * Checks passwords for accounts that may not exist. For an unknown email it verifies against a dummy
 * hash, so an unknown email costs as long as a wrong password and timing does not reveal accounts.
 */
export class PasswordChecker {
  private dummy: Promise<string> | null = null;

  async check(stored: string | undefined, password: string): Promise<boolean> {
    if (stored !== undefined) return verifyPassword(stored, password);
    this.dummy ??= hashPassword(`dummy-${crypto.randomUUID()}`);
    await verifyPassword(await this.dummy, password);
    return false;
  }
}
