/** The session cookie: `confer_session`, HttpOnly, SameSite=Lax, Path=/, Secure when served over https. */
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { parse } from 'hono/utils/cookie';

export const SESSION_COOKIE = 'confer_session';

/** True when the browser reached us over https (directly, or as PUBLIC_URL says behind a proxy). */
export function isSecureRequest(request: Request, publicUrl: string | undefined): boolean {
  if (publicUrl) return publicUrl.startsWith('https:');
  return new URL(request.url).protocol === 'https:';
}

/** The session token from a request's Cookie header (used by HTTP routes and WebSocket upgrades alike). */
export function readSessionToken(request: Request): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  return parse(header, SESSION_COOKIE)[SESSION_COOKIE];
}

export function setSessionCookie(c: Context, token: string, expiresAt: number, now: number, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure,
    maxAge: Math.max(0, Math.floor((expiresAt - now) / 1000)),
  });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', path: '/', secure });
}
