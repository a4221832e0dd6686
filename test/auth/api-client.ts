/**
 * A tiny cookie-keeping HTTP client for API tests, one user per instance: real fetch against a real
 * server, or in-process through the app's `request` (see test/helpers/in-process.ts).
 */
import { connectClient, type TestClient } from '../helpers/clients.js';

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

let counter = 0;

/** A unique email per call, so tests never collide. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.org`;
}

export const goodPassword = 'correct horse battery staple';

export class ApiClient {
  /** The session token from the last Set-Cookie (undefined when signed out). */
  token: string | undefined;
  lastSetCookie: string | null = null;
  /** Sent with every request (e.g. `X-Forwarded-For` to stand for a client behind a trusted proxy). */
  extraHeaders: Record<string, string> = {};

  constructor(
    readonly baseUrl: string,
    readonly origin: string = baseUrl,
    /** Real `fetch` over a socket, or the app's own `request` for in-process route tests. */
    private readonly fetcher: (url: string, init: RequestInit) => Response | Promise<Response> = fetch,
  ) {}

  get cookie(): string {
    return this.token ? `confer_session=${this.token}` : '';
  }

  /** Headers a browser on our origin would send (for sockets). */
  socketHeaders(): Record<string, string> {
    return { cookie: this.cookie, origin: this.origin };
  }

  async request(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<ApiAnswer> {
    const headers: Record<string, string> = { origin: this.origin, ...this.extraHeaders, ...extraHeaders };
    if (this.token) headers.cookie = this.cookie;
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] ??= 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await this.fetcher(this.baseUrl + path, { method, headers, body: payload });
    for (const line of res.headers.getSetCookie()) {
      this.lastSetCookie = line;
      const match = /^confer_session=([^;]*)/.exec(line);
      if (match) this.token = match[1] && !/Max-Age=0/i.test(line) ? match[1] : undefined;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body);
  patch = (path: string, body?: unknown) => this.request('PATCH', path, body);
  delete = (path: string) => this.request('DELETE', path);

  /** Signs up a fresh account and keeps its cookie; returns the user's id. */
  async signup(name = 'Test User', email = uniqueEmail()): Promise<{ id: string; email: string }> {
    const res = await this.post('/api/auth/signup', { email, password: goodPassword, name, timeZone: 'Europe/Berlin' });
    if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
    const user = (res.body as { user: { id: string } }).user;
    return { id: user.id, email };
  }

  /** Creates a workspace and returns its id. */
  async workspace(name = 'Group'): Promise<string> {
    const res = await this.post('/api/workspaces', { name });
    if (res.status !== 201) throw new Error(`workspace failed: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { workspace: { id: string } }).workspace.id;
  }

  /** Creates a document and returns its id. */
  async document(workspaceId: string, title = 'Doc'): Promise<string> {
    const res = await this.post(`/api/workspaces/${workspaceId}/documents`, { title });
    if (res.status !== 201) throw new Error(`document failed: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { document: { id: string } }).document.id;
  }

  /** Invites `other` with `role` and has them accept. */
  async addMember(workspaceId: string, other: ApiClient, role: string): Promise<void> {
    const invite = await this.post(`/api/workspaces/${workspaceId}/invites`, { role });
    if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
    const accepted = await other.post(`/api/invites/${(invite.body as { token: string }).token}/accept`);
    if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  }

  /** A stock y-websocket client on `docId` with this user's cookie and our Origin. */
  connect(docId: string): Promise<TestClient> {
    return connectClient(this.baseUrl, docId, { headers: this.socketHeaders() });
  }
}

/** The `error` object of an API answer. */
export function errorOf(answer: ApiAnswer): { code: string; message: string; fields?: Record<string, string[]> } {
  return (answer.body as { error: { code: string; message: string; fields?: Record<string, string[]> } }).error;
}
