/**
 * The JSON API under /api: body limit and origin guard on everything, then the session for every
 * route except signup and login. Other resources (search, export, versions...) mount their routers
 * here behind the same `requireSession`.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Auth } from '../auth/index.js';
import type { CollabHub } from '../collab/hub.js';
import type { Research } from '../features/versions/service.js';
import type { DocumentStore } from '../storage/types.js';
import { authRoutes } from '../features/account/routes.js';
import type { ClientAddress } from './client-address.js';
import { documentRoutes, workspaceDocumentRoutes, type DocumentSeeder } from '../features/documents/routes.js';
import { ApiError } from './errors.js';
import { inviteRoutes, workspaceInviteRoutes } from '../features/invites/routes.js';
import { meRoutes } from '../features/account/me-routes.js';
import { researchRoutes } from '../features/routes.js';
import { originGuard } from './security.js';
import { requireSession, type SessionEnv } from './session.js';
import { workspaceRoutes } from '../features/workspaces/routes.js';

/** JSON bodies are small; 64 KiB is generous and stops memory abuse. */
export const maxJsonBodyBytes = 64 * 1024;

/**
 * Caps every JSON body under /api. Other bodies (file uploads for import) are left to their own
 * route's limit; the JSON routes here refuse them with 415 before reading them.
 */
function jsonBodyLimit(): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxJsonBodyBytes,
    onError: () => {
      // The rest of the body is never read: close the connection rather than leave it unusable for reuse.
      throw new ApiError(413, 'payload_too_large', `JSON bodies are limited to ${maxJsonBodyBytes} bytes`, undefined, {
        Connection: 'close',
      });
    },
  });
  return async function jsonBodyLimit(c, next) {
    const type = c.req.header('content-type') ?? '';
    if (/^\s*multipart\//i.test(type)) return next();
    return limit(c, next);
  };
}

export interface ApiDeps {
  auth: Auth;
  store: DocumentStore;
  /** The relay: research routes read documents and apply restores through it. */
  hub: CollabHub;
  research: Research;
  seed: DocumentSeeder;
  allowedOrigins: () => readonly string[];
  publicUrl: string | undefined;
  clientAddress: ClientAddress;
}

export function apiRoutes(deps: ApiDeps): Hono {
  const api = new Hono();
  api.use('/api/*', originGuard(deps.allowedOrigins));
  api.use('/api/*', jsonBodyLimit());
  // Registered before the session middleware below, so signup and login answer without a session.
  api.route('/api/auth', authRoutes(deps));

  // Mounted at /api, this middleware covers every /api/* route registered after it, other resources' too.
  const signedIn = new Hono<SessionEnv>();
  signedIn.use('*', requireSession(deps));
  signedIn.route('/me', meRoutes(deps.auth));
  signedIn.route('/workspaces', workspaceRoutes(deps.auth));
  signedIn.route('/workspaces', workspaceInviteRoutes(deps.auth));
  signedIn.route('/workspaces', workspaceDocumentRoutes({ auth: deps.auth, store: deps.store, seed: deps.seed }));
  signedIn.route('/invites', inviteRoutes(deps.auth));
  signedIn.route(
    '/documents',
    documentRoutes({ auth: deps.auth, store: deps.store, seed: deps.seed, onRenamed: (docId) => deps.research.indexDocument(docId) }),
  );
  signedIn.route('/', researchRoutes({ auth: deps.auth, hub: deps.hub, research: deps.research, store: deps.store }));
  api.route('/api', signedIn);
  return api;
}
