/** Environment → typed, validated Config. Read once at start; defaults give the embedded setup. */
import proxyAddr from 'proxy-addr';
import { z } from 'zod';
import { messageOf } from '../shared/narrow.js';
import { limits } from '../shared/limits.js';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.url({ message: 'PUBLIC_URL must be an absolute URL such as https://confer.example.org' }).optional(),
  ALLOWED_ORIGINS: z.string().optional(),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  DATABASE_URL: z.string().optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^([A-Za-z_][A-Za-z0-9_]{0,62})?$/, { message: 'DATABASE_SCHEMA must be a plain identifier (letters, digits, _)' })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  REDIS_URL: z.string().optional(),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{0,64}$/, 'letters, digits, : _ - only').default('confer:'),
  ROOM_UNLOAD_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(20).max(600_000).default(30_000),
  THROTTLE_CLOSE_AFTER_MS: z.coerce.number().int().min(100).max(3_600_000).default(limits.maxThrottledMs),
  TRUSTED_PROXIES: z.string().optional(),
  METRICS_ALLOW: z.string().optional(),
  METRICS_TOKEN: z
    .string()
    .refine((v) => v === '' || /^[A-Za-z0-9._~+/-]{16,}=*$/.test(v), 'METRICS_TOKEN must be at least 16 characters of A-Z a-z 0-9 . _ ~ + / -')
    .optional(),
  UPGRADES_PER_IP_PER_MINUTE: z.coerce.number().int().min(0).default(3000),
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  COMPACT_AFTER_UPDATES: z.coerce.number().int().min(1).default(500),
  COMPACT_AFTER_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  CHROMIUM_PATH: z.string().optional(),
  PDF_RENDERERS: z.coerce.number().int().min(0).max(4).default(1),
  SMTP_URL: z
    .string()
    .refine((v) => v === '' || /^smtps?:\/\//.test(v), 'SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().optional(),
  MAIL_DELAY_MINUTES: z.coerce.number().min(0).max(24 * 60).default(10),
});

/** Typed configuration for one server process. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** The URL users reach Confer at; its origin is always allowed. */
  publicUrl: string | undefined;
  /** Origins allowed on state-changing requests and WebSocket upgrades. Empty = same-origin/loopback only. */
  allowedOrigins: string[];
  logLevel: (typeof logLevels)[number];
  databaseUrl: string | undefined;
  /** PostgreSQL schema to use (created if missing); unset = the connection's default search_path. */
  databaseSchema: string | undefined;
  /** Connections per node in the PostgreSQL pool. */
  databasePoolSize: number;
  redisUrl: string | undefined;
  /** Prefix of every Redis channel and key, so deployments (or test runs) can share one Redis. */
  redisPrefix: string;
  roomUnloadGraceMs: number;
  /** WebSocket ping interval; a socket that misses a pong by the next ping is terminated (half-open peers). */
  heartbeatMs: number;
  /** A socket over its message/byte budget this long (slowed meanwhile) is closed with 4429. */
  throttleCloseAfterMs: number;
  /** WebSocket upgrade attempts per client IP per minute (0 = unlimited): stops connection floods. */
  upgradesPerIpPerMinute: number;
  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses, CIDR ranges, or `loopback`,
   * `linklocal`, `uniquelocal`). Empty = the header is ignored and the peer address counts.
   */
  trustedProxies: string[];
  /** Addresses served GET /metrics without a token (same syntax as trustedProxies). Default: loopback. */
  metricsAllow: string[];
  /** Bearer token that opens GET /metrics from any address; undefined = listed addresses only. */
  metricsToken: string | undefined;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  compactAfterUpdates: number;
  compactAfterBytes: number;
  /** Chromium for PDF export; undefined = the usual install paths, empty = PDF export off. */
  chromiumPath: string | null | undefined;
  /** PDF pages rendered at once (0 turns PDF export off); each takes a core and ~100 MB while it runs. */
  pdfRenderers: number;
  /** Email through SMTP; null = email is off and accounts work without it. */
  mail: { smtpUrl: string; from: string; publicUrl: string; delayMs: number } | null;
}

/** Thrown with one line per bad variable, so the operator sees every problem at once. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A comma-separated list of addresses, CIDR ranges or proxy-addr names; throws ConfigError on a bad entry. */
function addressList(variable: string, value: string): string[] {
  const entries = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  try {
    proxyAddr.compile(entries);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  ${variable}: ${messageOf(error)}`);
  }
  return entries;
}

/** Parses the environment; throws ConfigError listing every invalid variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const v = parsed.data;
  const origins = (v.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (!URL.canParse(origin)) throw new ConfigError(`Invalid configuration:\n  ALLOWED_ORIGINS: "${origin}" is not a URL`);
  }
  const trustedProxies = addressList('TRUSTED_PROXIES', v.TRUSTED_PROXIES ?? '');
  // Unset: loopback only. Set but empty: no address, so only the token opens /metrics.
  const metricsAllow = addressList('METRICS_ALLOW', v.METRICS_ALLOW ?? 'loopback');
  const allowedOrigins = origins.map((o) => new URL(o).origin);
  const smtpUrl = v.SMTP_URL || undefined;
  // Links in mail must point somewhere users can reach, which only the operator knows.
  if (smtpUrl && !v.PUBLIC_URL) throw new ConfigError('Invalid configuration:\n  PUBLIC_URL: required when SMTP_URL is set (links in mail point there)');
  if (v.PUBLIC_URL) allowedOrigins.push(new URL(v.PUBLIC_URL).origin);
  return {
    port: v.PORT,
    host: v.HOST,
    dataDir: v.DATA_DIR,
    publicUrl: v.PUBLIC_URL,
    allowedOrigins,
    logLevel: v.LOG_LEVEL,
    databaseUrl: v.DATABASE_URL || undefined,
    databaseSchema: v.DATABASE_SCHEMA || undefined,
    databasePoolSize: v.DATABASE_POOL_SIZE,
    redisUrl: v.REDIS_URL || undefined,
    redisPrefix: v.REDIS_PREFIX,
    roomUnloadGraceMs: v.ROOM_UNLOAD_GRACE_MS,
    heartbeatMs: v.HEARTBEAT_INTERVAL_MS,
    throttleCloseAfterMs: v.THROTTLE_CLOSE_AFTER_MS,
    upgradesPerIpPerMinute: v.UPGRADES_PER_IP_PER_MINUTE,
    trustedProxies,
    metricsAllow,
    metricsToken: v.METRICS_TOKEN || undefined,
    sqliteSynchronous: v.SQLITE_SYNCHRONOUS,
    compactAfterUpdates: v.COMPACT_AFTER_UPDATES,
    compactAfterBytes: v.COMPACT_AFTER_BYTES,
    chromiumPath: v.CHROMIUM_PATH === '' || v.PDF_RENDERERS === 0 ? null : v.CHROMIUM_PATH,
    pdfRenderers: v.PDF_RENDERERS,
    mail:
      smtpUrl && v.PUBLIC_URL
        ? { smtpUrl, from: v.MAIL_FROM || `Confer <confer@${new URL(v.PUBLIC_URL).hostname}>`, publicUrl: v.PUBLIC_URL, delayMs: v.MAIL_DELAY_MINUTES * 60_000 }
        : null,
  };
}
