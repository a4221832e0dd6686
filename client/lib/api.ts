/**
 * The one typed API client: every request goes through `request`, which checks `res.ok` and turns
 * the server's `{ error: { code, message, fields? } }` into an ApiError. Only types come from
 * shared/api, so zod stays out of the browser bundle; the server is the one that validates.
 * Calls of one feature live in that feature's folder (client/features/<feature>/api.ts).
 */
import type { ChangePasswordInput, LoginInput, MeView, SignupInput, UpdateMeInput } from '../../shared/api/auth.js';
import { announceSignedOut } from './signed-out';

/** An error answer from the Confer API. `fields` maps input names to messages on 400s. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The ApiError for a failed answer. */
function toApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code = typeof error.code === 'string' ? error.code : `http_${status}`;
  const message = typeof error.message === 'string' ? error.message : `The server answered ${status}.`;
  const fields: Record<string, string> = {};
  if (isRecord(error.fields)) {
    for (const [key, value] of Object.entries(error.fields)) {
      if (typeof value === 'string') fields[key] = value;
      else if (Array.isArray(value) && typeof value[0] === 'string') fields[key] = value[0];
    }
  }
  return new ApiError(status, code, message, fields);
}

/** One JSON call: checks `res.ok` and throws ApiError (each feature's api.ts builds its calls on it). */
export async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  return send<T>(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
    signal: signal ?? null,
  });
}

/** A multipart upload (a file and its fields), answered like any other call. */
export async function upload<T>(path: string, form: FormData): Promise<T> {
  return send<T>(path, { method: 'POST', body: form });
}

async function send<T>(path: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, credentials: 'same-origin' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!res.ok) {
    const error = toApiError(res.status, parsed);
    // Only the session check's 401 means the session is over (a wrong password at sign-in is a 401 too).
    if (error.status === 401 && error.code === 'unauthenticated') announceSignedOut();
    throw error;
  }
  // Our own server's answer, typed by shared/api; checking it again here would ship zod to browsers.
  return parsed as T;
}

/** A message for any failure, for inline error text. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Something went wrong. Try again.';
}

/** Encodes one path segment of an API address. */
export const seg = encodeURIComponent;

/**
 * The account calls the app shell itself needs (sign-up, sign-in, the session, your profile: the
 * server's features/account); the calls of each feature are in client/features/<feature>/api.ts.
 */
export const accountApi = {
  signup: (input: SignupInput) => request<{ user: MeView }>('POST', '/api/auth/signup', input),
  login: (input: LoginInput) => request<{ user: MeView }>('POST', '/api/auth/login', input),
  logout: () => request<null>('POST', '/api/auth/logout'),
  /** The signed-in user, or null without a session (answered 200 either way). */
  session: () => request<{ user: MeView | null }>('GET', '/api/auth/session'),
  /** The signed-in user; throws ApiError 401 without a session. */
  me: (signal?: AbortSignal) => request<{ user: MeView }>('GET', '/api/me', undefined, signal),
  updateMe: (input: UpdateMeInput) => request<{ user: MeView }>('PATCH', '/api/me', input),
  /** A new password; the account's other sessions end. `signedOut`: how many. */
  changePassword: (input: ChangePasswordInput) => request<{ user: MeView; signedOut: number }>('POST', '/api/me/password', input),
};
