/**
 * The scaling workload's cluster: checks that PostgreSQL and Redis answer, creates a fresh schema and a
 * unique Redis prefix, starts N Confer nodes (each its own child process) on them, and on the way out
 * stops the nodes, drops the schema and deletes the prefix's keys. A schema left behind by a bench that
 * was killed (its pid is in the name) is dropped by the next run.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { limitCpu, removeStaleGroups } from '../cpu-quota.js';
import { ServerHandle } from '../handles.js';
import type { Context } from './context.js';

/** Used when DATABASE_URL / REDIS_URL are not set: the services this machine runs. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const SCHEMA_PREFIX = 'confer_bench_';
const TIMEOUT_MS = 3_000;

/** Where the cluster's shared services are. */
export interface Services {
  databaseUrl: string;
  redisUrl: string;
}

/** The services from the environment, or this machine's defaults. */
export function servicesFromEnv(env: NodeJS.ProcessEnv = process.env): Services {
  return { databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL, redisUrl: env.REDIS_URL || DEFAULT_REDIS_URL };
}

/** A URL without its password, for logs and results. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

async function withPg<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function redisClient(url: string): Redis {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  return client;
}

/** Null when both services answer, else why not (the workload is then skipped, not failed). */
export async function unavailable(services: Services): Promise<string | null> {
  try {
    await withPg(services.databaseUrl, (c) => c.query('SELECT 1'));
  } catch (error) {
    return `PostgreSQL at ${redact(services.databaseUrl)} does not answer (${error instanceof Error ? error.message : String(error)})`;
  }
  const redis = redisClient(services.redisUrl);
  try {
    await redis.connect();
    if ((await redis.ping()) !== 'PONG') return `Redis at ${redact(services.redisUrl)} does not answer PING`;
  } catch (error) {
    return `Redis at ${redact(services.redisUrl)} does not answer (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    redis.disconnect();
  }
  return null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Running Confer nodes on one fresh schema and Redis prefix; `stop()` removes everything. */
export class Cluster {
  private constructor(
    readonly nodes: ServerHandle[],
    private readonly services: Services,
    private readonly schema: string,
    private readonly prefix: string,
    private readonly dataDirs: string[],
    private readonly ctx: Context,
    private readonly cpuGroups: Array<() => void>,
  ) {}

  /**
   * Starts `count` nodes. They are not pinned: more nodes may use more cores, which is the point. With
   * `cpuQuota` (% of one core), each node, once ready, is moved into its own cgroup with that CPU share.
   */
  static async start(ctx: Context, services: Services, count: number, cpuQuota: number | null = null): Promise<Cluster> {
    const tag = `${process.pid}_${randomBytes(4).toString('hex')}`;
    const schema = `${SCHEMA_PREFIX}${tag}`;
    const prefix = `confer-bench-${tag}:`;
    await withPg(services.databaseUrl, async (c) => {
      const stale = await c.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE '${SCHEMA_PREFIX}%'`);
      for (const { name } of stale.rows) {
        const pid = Number(/^confer_bench_(\d+)_/.exec(name)?.[1]);
        if (Number.isInteger(pid) && !alive(pid)) await c.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      }
      await c.query(`CREATE SCHEMA "${schema}"`);
    });
    const dataDirs = Array.from({ length: count }, () => ctx.cleanup.tempDir('confer-bench-node-'));
    const env = { DATABASE_URL: services.databaseUrl, DATABASE_SCHEMA: schema, REDIS_URL: services.redisUrl, REDIS_PREFIX: prefix };
    const profile = ctx.options.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(ctx.options.outDir, 'profiles')}`] : [];
    const started = await Promise.allSettled(
      dataDirs.map((dataDir) => ServerHandle.launch(ctx.cleanup, { name: 'confer-node', cpu: null, dataDir, env, nodeFlags: profile, startTimeoutMs: 120_000 })),
    );
    const nodes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const cpuGroups: Array<() => void> = [];
    const cluster = new Cluster(nodes, services, schema, prefix, dataDirs, ctx, cpuGroups);
    let failed: unknown = started.find((s) => s.status === 'rejected')?.reason;
    if (!failed && cpuQuota !== null) {
      try {
        removeStaleGroups();
        for (const node of nodes) cpuGroups.push(limitCpu(ctx.cleanup, node.pid, cpuQuota));
      } catch (error) {
        failed = error;
      }
    }
    if (failed) {
      await cluster.stop();
      throw failed;
    }
    return cluster;
  }

  /** Stops every node, then drops the schema and the prefix's Redis keys. */
  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.stop()));
    for (const remove of this.cpuGroups) remove();
    for (const dir of this.dataDirs) this.ctx.cleanup.removeDir(dir);
    await withPg(this.services.databaseUrl, (c) => c.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`)).catch((error: unknown) =>
      this.ctx.log(`  ! could not drop schema ${this.schema}: ${error instanceof Error ? error.message : String(error)}`),
    );
    const redis = redisClient(this.services.redisUrl);
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } catch (error) {
      this.ctx.log(`  ! could not delete Redis keys ${this.prefix}*: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      redis.disconnect();
    }
  }
}
