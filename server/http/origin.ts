/**
 * Origin allow-list for state-changing requests and WebSocket upgrades (stops cross-site request
 * forgery and cross-site WebSocket hijacking).
 */

/** Returns the origins allowed for a server listening on `port` when none are configured. */
export function loopbackOrigins(port: number): string[] {
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`];
}

/**
 * True when the request may change state. Browsers always send `Origin` on WebSocket upgrades and on
 * cross-origin POSTs; without it we fall back to `Sec-Fetch-Site`. A request with neither comes from
 * a non-browser client, which cookies cannot be forged for, so it is allowed.
 */
export function isAllowedOrigin(request: Request, allowed: readonly string[]): boolean {
  const origin = request.headers.get('origin');
  if (origin !== null) return origin !== 'null' && allowed.includes(origin);
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin' || site === 'none';
  return true;
}
