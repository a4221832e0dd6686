/** createApp(deps): middleware and routes. No module-level state: everything comes in through deps. */
import type { Mail } from './features/mail/index.js';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import { PdfRenderer } from './text/pdf/renderer.js';
import { apiRoutes } from './api.js';
import type { FileStore } from './features/files/index.js';
import type { Auth } from './auth/index.js';
import type { AccessPolicy } from './collab/access.js';
import type { CollabHub } from './collab/hub.js';
import type { DocumentSeeder } from './features/documents/index.js';
import { peerAddress, type ClientAddress } from './http/client-address.js';
import { collabRoutes, type CollabLimits } from './http/collab-upgrade.js';
import { liveRoutes } from './features/notifications/index.js';
import { responseCompression } from './http/compression.js';
import { errorHandler } from './http/errors.js';
import { metricsAccess, type MetricsAccessOptions } from './http/metrics-access.js';
import { securityHeaders } from './http/security.js';
import { staticRoutes } from './http/static.js';
import type { Metrics } from './metrics.js';
import type { FeatureServices } from './services.js';
import type { Storage } from './storage/storage.js';
import type { MetaStores } from './storage/stores.js';

export interface AppDeps {
  /** Email (features/mail), null or absent when SMTP is not configured. */
  mail?: Mail | null;
  storage: Storage;
  hub: CollabHub;
  policy: AccessPolicy;
  /** Accounts, working groups, invitations and document metadata. */
  stores: MetaStores;
  /** Search, versions, activity, catch-up and deadlines (server/features). */
  services: FeatureServices;
  metrics: Metrics;
  log: Logger;
  allowedOrigins: () => readonly string[];
  /** Sessions, passwords, throttling, revocation and the relay's access policy (server/auth). */
  auth: Auth;
  /** PUBLIC_URL: decides the Secure flag of the session cookie behind a TLS-terminating proxy. */
  publicUrl?: string | undefined;
  /** Initial content of documents created from a template (server-side seeding). */
  seed?: DocumentSeeder | undefined;
  /** Built client to serve; omitted in API-only test servers. */
  distDir?: string | undefined;
  /** Heartbeat and upgrade-rate settings of the relay route (defaults in http/collab-upgrade.ts). */
  collab?: Partial<CollabLimits> | undefined;
  /** How to tell clients apart for throttling; default: the direct peer's address. */
  clientAddress?: ClientAddress | undefined;
  /** Who may read /metrics (METRICS_ALLOW, METRICS_TOKEN); default: loopback only, no token. */
  metricsAccess?: Omit<MetricsAccessOptions, 'clientAddress'> | undefined;
  /** Prints PDF exports; omitted, PDF export answers 501. */
  pdf?: Pick<PdfRenderer, 'render'> | undefined;
  /** Documents' files (figures' images). */
  files: FileStore;
}

/** Template content goes through the editor schema (TipTap, KaTeX), which loads on the first seeded document. */
const seedLazily: DocumentSeeder = async (template, title) => (await import('./text/seed.js')).seedDocument(template, title);

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const clientAddress = deps.clientAddress ?? peerAddress;
  app.onError(errorHandler(deps.log));
  app.use('*', securityHeaders());
  app.use('*', responseCompression());

  app.get('/healthz', async (c) => {
    try {
      await deps.storage.ping();
      return c.json({ ok: true });
    } catch (error) {
      deps.log.warn({ err: error }, 'health check failed');
      return c.json({ ok: false, error: { code: 'storage_unavailable', message: 'storage does not answer' } }, 503);
    }
  });

  app.get('/metrics', metricsAccess({ allow: ['loopback'], token: undefined, ...deps.metricsAccess, clientAddress }), async (c) => {
    c.header('Content-Type', deps.metrics.registry.contentType);
    return c.body(await deps.metrics.registry.metrics());
  });

  // One-click unsubscribe is POSTed by mail clients without an Origin: before the API's origin guard.
  if (deps.mail) app.route('/', deps.mail.unsubscribeRoutes);
  // The bell's socket, before the API's session middleware (which may set a cookie header on the upgrade).
  app.route('/', liveRoutes({ live: deps.services.live, auth: deps.auth, allowedOrigins: deps.allowedOrigins, heartbeatMs: deps.collab?.heartbeatMs }));
  app.route(
    '/',
    apiRoutes({
      mail: deps.mail ?? null,
      auth: deps.auth,
      stores: deps.stores,
      storage: deps.storage,
      hub: deps.hub,
      services: deps.services,
      seed: deps.seed ?? seedLazily,
      allowedOrigins: deps.allowedOrigins,
      publicUrl: deps.publicUrl,
      clientAddress,
      files: deps.files,
      pdf: deps.pdf ?? new PdfRenderer({ executablePath: null, log: deps.log }),
    }),
  );
  app.route('/', collabRoutes({ hub: deps.hub, policy: deps.policy, allowedOrigins: deps.allowedOrigins, clientAddress, ...deps.collab }));

  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'no such route' } }, 404));
  if (deps.distDir) app.route('/', staticRoutes(deps.distDir));
  return app;
}
