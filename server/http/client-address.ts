/**
 * The client's address, for throttling and the per-IP upgrade limit. Forwarded headers are believed
 * only when the peer that sent them is a proxy the operator listed in TRUSTED_PROXIES: then the address
 * is the right-most X-Forwarded-For entry that is not itself a trusted proxy (Express's proxy-addr
 * does the walk). Believing the header from anyone would let an attacker pick a fresh address per
 * attempt; ignoring it behind a proxy would make every user share the proxy's budget.
 */
import type { IncomingMessage } from 'node:http';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import proxyAddr from 'proxy-addr';

export type ClientAddress = (c: Context) => string;

/**
 * `trustedProxies`: addresses, CIDR ranges or proxy-addr's names (`loopback`, `linklocal`,
 * `uniquelocal`). Throws on an entry that is none of these, so a typo fails at start-up.
 */
export function clientAddressResolver(trustedProxies: readonly string[]): ClientAddress {
  const trust = trustedProxies.length > 0 ? proxyAddr.compile([...trustedProxies]) : null;
  return function clientAddress(c) {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (trust && incoming?.socket) return proxyAddr(incoming, trust);
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };
}

/** The direct peer's address, forwarded headers ignored (no trusted proxies). */
export const peerAddress: ClientAddress = clientAddressResolver([]);
