/**
 * Process assembly: config → stores → app (`assembleServer`, also used in-process by route tests) →
 * listen (`startServer`), and graceful shutdown (stop accepting, commit what is pending, close sockets
 * with 1012, close the database).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { limits } from '../shared/limits.js';
import { createApp } from './app.js';
import { clientAddressResolver, type ClientAddress } from './http/client-address.js';
import { createAuth, type Auth, type AuthOptions } from './auth/index.js';
import type { AccessPolicy } from './collab/access.js';
import { createLocalBus } from './cluster/bus.js';
import { CollabHub } from './collab/hub.js';
import type { Config } from './config.js';
import { loopbackOrigins } from './http/origin.js';
import { listenForUpgrades } from './http/upgrade-listener.js';
import { createLogger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { commentWriteGuard } from './features/comments/index.js';
import { bodyGuards } from './features/suggestions/index.js';
import { setupMail, type MailTimings } from './features/mail/index.js';
import { FileCollector, openFileStore, type CollectorTimings, type FileLimits, type FileStore } from './features/files/index.js';
import { createFeatureServices, type FeatureServices, type FeatureTimings } from './services.js';
import { openStorage } from './storage/open.js';
import type { Storage } from './storage/storage.js';
import { createMetaStores, type MetaStores } from './storage/stores.js';
import { PdfRenderer } from './text/pdf/renderer.js';
import type { DocumentStore } from './storage/types.js';

export interface StartOptions {
  /** Replaces the access policy (tests of the relay use open or read-only policies). Default: session cookie + role. */
  policy?: AccessPolicy;
  /** Session lifetime, throttling, limiter store, clock (tests shorten lifetimes instead of sleeping). */
  auth?: Partial<AuthOptions>;
  logger?: Logger;
  distDir?: string;
  /** Debounce timings of search indexing, automatic versions and the activity log (tests shorten them). */
  timings?: Partial<FeatureTimings>;
  /** How to tell clients apart for throttling (in-process tests have no socket); default: TRUSTED_PROXIES rules. */
  clientAddress?: ClientAddress;
  /** Wraps the relay's document store (storage-fault tests inject failures at this seam). */
  wrapStore?: (store: DocumentStore) => DocumentStore;
  /** The mail scheduler's poll, lease and retry periods (tests poll often instead of waiting 15 s). */
  mailTimings?: Partial<MailTimings>;
  /** Limits of documents' files and the collector's grace and period (tests lower them). */
  files?: Partial<FileLimits & CollectorTimings>;
}

export interface RunningServer {
  url: string;
  port: number;
  hub: CollabHub;
  storage: Storage;
  metrics: Metrics;
  log: Logger;
  /** Search index, versions, activity, catch-up, deadlines (server/features). */
  services: FeatureServices;
  /** Graceful shutdown; resolves when the database is closed. */
  close(): Promise<void>;
}

/** Everything a server is made of, before it listens: the app (answering `app.request` in-process too) and its parts. */
export interface AssembledServer {
  app: Hono;
  hub: CollabHub;
  storage: Storage;
  stores: MetaStores;
  auth: Auth;
  metrics: Metrics;
  log: Logger;
  services: FeatureServices;
  /** Documents' files (figures' images) and their garbage collector. */
  files: FileStore;
  fileCollector: FileCollector;
  /**
   * Stops auth, the services and the relay (which commits what is pending and closes its sockets with
   * 1012), then runs `afterRelay` (the listener closes what is left), then closes bus and stores.
   */
  shutdown(afterRelay?: () => Promise<void>): Promise<void>;
}

/**
 * Config → stores → relay → auth → services → app, without listening. `port` is read when origins are
 * checked, so a server on port 0 can allow its loopback origin once it knows its port.
 */
export async function assembleServer(config: Config, options: StartOptions = {}, port: () => number = () => config.port): Promise<AssembledServer> {
  const log = options.logger ?? createLogger(config.logLevel);
  const metrics = createMetrics();
  const storage = await openStorage(config, { log });
  // ioredis loads only for a cluster (here and for the shared limiters): a single node has no use for it.
  const bus = config.redisUrl
    ? await (await import('./cluster/redis.js')).createRedisBus({ url: config.redisUrl, log, prefix: config.redisPrefix })
    : createLocalBus();
  const hub = new CollabHub({
    bus,
    store: options.wrapStore ? options.wrapStore(storage.documents) : storage.documents,
    metrics,
    log,
    graceMs: config.roomUnloadGraceMs,
    compactAfterUpdates: config.compactAfterUpdates,
    compactAfterBytes: config.compactAfterBytes,
    maxThrottledMs: config.throttleCloseAfterMs,
  });
  const allowed = () => (config.allowedOrigins.length > 0 ? config.allowedOrigins : loopbackOrigins(port()));
  const sharedLimiters = config.redisUrl ? (await import('./cluster/redis-limiters.js')).createRedisLimiters(config.redisUrl, config.redisPrefix) : null;
  const stores = createMetaStores(storage.db);
  const auth = createAuth(
    { accounts: stores.accounts, documents: stores.documents, links: stores.sharing, hub, log, commentGuard: commentWriteGuard, bodyGuards: bodyGuards() },
    sharedLimiters && !options.auth?.limiters ? { ...options.auth, limiters: sharedLimiters.factory } : options.auth,
  );
  const services = createFeatureServices({ db: storage.db, engine: storage.engine, hub, bus, log, now: auth.now, emailAvailable: config.mail !== null }, options.timings);
  // Email (notifications, digest, reset, verification, invitations) only with SMTP_URL; else a log line says it is off.
  const mail = setupMail(config.mail, {
    db: storage.db,
    engine: storage.engine,
    accounts: stores.accounts,
    auth,
    hub,
    versions: services.versions,
    feed: services.notifications,
    followed: (userId) => services.notifications.followedBy(userId),
    waiting: (userId) => services.notifications.waitingOn(userId),
    log,
  }, options.mailTimings);
  const pdf = new PdfRenderer({ executablePath: config.chromiumPath, maxConcurrent: Math.max(1, config.pdfRenderers), log });
  const files = openFileStore(storage, config.dataDir, options.files);
  const fileCollector = new FileCollector({ files, store: storage.documents, db: storage.db, log, now: auth.now }, options.files);
  fileCollector.start();
  const app = createApp({
    files,
    pdf,
    mail,
    storage,
    hub,
    auth,
    publicUrl: config.publicUrl,
    policy: options.policy ?? auth.policy,
    stores,
    services,
    metrics,
    log,
    allowedOrigins: allowed,
    collab: { heartbeatMs: config.heartbeatMs, upgradesPerIpPerMinute: config.upgradesPerIpPerMinute },
    clientAddress: options.clientAddress ?? clientAddressResolver(config.trustedProxies),
    metricsAccess: { allow: config.metricsAllow, token: config.metricsToken },
    distDir: options.distDir,
  });
  const shutdown = async (afterRelay?: () => Promise<void>) => {
    await auth.stop();
    await pdf.close();
    await fileCollector.stop();
    await mail?.stop();
    // Pending index and version work reads documents through the hub: finish it before the hub stops.
    await services.stop();
    await hub.shutdown();
    await afterRelay?.();
    await bus.close();
    sharedLimiters?.close();
    await storage.close();
  };
  return { app, hub, storage, stores, auth, metrics, log, services, files, fileCollector, shutdown };
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  let port = config.port;
  const assembled = await assembleServer(config, options, () => port);
  const { app, hub, storage, metrics, log, services } = assembled;
  // Twice the relay's own frame limit: frames in between get the documented 4413, larger ones ws's 1009.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes * 2 });
  const server = createAdaptorServer({ fetch: app.fetch });
  listenForUpgrades(server as Server, app.fetch, wss);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${hostForUrl === '0.0.0.0' ? '127.0.0.1' : hostForUrl}:${port}`;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await assembled.shutdown(async () => {
        for (const client of wss.clients) client.terminate();
        if ('closeAllConnections' in server) server.closeAllConnections();
        await stopped;
      });
    })();
    return closing;
  };
  return { url, port, hub, storage, metrics, log, services, close };
}
