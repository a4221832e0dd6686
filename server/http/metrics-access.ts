/**
 * Who may read GET /metrics. The figures name no user, but they tell an outsider how busy the server is,
 * when it commits and how it fails, so they are served only to listed addresses (METRICS_ALLOW, by
 * default loopback, as GitLab's monitoring allow-list does) or to a scraper presenting METRICS_TOKEN as a
 * bearer token (as Gitea's metrics token does). /healthz stays open for load balancers.
 *
 * A request that came through a proxy (it carries a forwarding header) is listed only by the client
 * address TRUSTED_PROXIES resolves, never by the proxy's own address: otherwise a reverse proxy on the
 * same host would make every visitor look like loopback.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import proxyAddr from 'proxy-addr';
import { peerAddress, type ClientAddress } from './client-address.js';
import { ApiError } from './errors.js';

export interface MetricsAccessOptions {
  /** Addresses, CIDR ranges or proxy-addr names (`loopback`, …) served without a token. */
  allow: readonly string[];
  /** Bearer token that opens /metrics from anywhere; undefined = only listed addresses. */
  token: string | undefined;
  /** The client's address under the TRUSTED_PROXIES rules. */
  clientAddress: ClientAddress;
}

const forwardingHeaders = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

/** Compares digests, so neither the token's bytes nor its length leak through timing. */
function sameToken(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1];
}

/** Middleware for the /metrics route: 403 when no token is configured, 401 (Bearer challenge) when one is. */
export function metricsAccess(options: MetricsAccessOptions): MiddlewareHandler {
  const listed = proxyAddr.compile([...options.allow]);
  return async function metricsAccessCheck(c, next) {
    const address = options.clientAddress(c);
    const forwarded = forwardingHeaders.some((name) => c.req.header(name) !== undefined);
    // Forwarded, yet the address is still the peer's: that is the proxy, not the client behind it.
    const addressIsTheClient = !forwarded || address !== peerAddress(c);
    if (addressIsTheClient && listed(address, 0)) return next();

    const presented = bearerToken(c.req.header('authorization'));
    if (options.token !== undefined && presented !== undefined && sameToken(presented, options.token)) return next();
    if (options.token === undefined) {
      throw new ApiError(403, 'forbidden', 'metrics are served only to the addresses in METRICS_ALLOW');
    }
    throw new ApiError(401, 'unauthenticated', 'metrics need the METRICS_TOKEN bearer token', undefined, {
      'WWW-Authenticate': 'Bearer realm="metrics"',
    });
  };
}
