/**
 * One Confer node of a cluster: PostgreSQL (DATABASE_URL, DATABASE_SCHEMA) and Redis (REDIS_URL,
 * REDIS_PREFIX) from this process's environment, which the orchestrator sets per run; open access.
 */
import { loadCompiledConfer } from './compiled.js';
import type { StartedTarget, TargetOptions } from './targets.js';

export async function start(options: TargetOptions): Promise<StartedTarget> {
  const env = process.env;
  for (const name of ['DATABASE_URL', 'DATABASE_SCHEMA', 'REDIS_URL', 'REDIS_PREFIX']) {
    if (!env[name]) throw new Error(`confer-node needs ${name} in its environment`);
  }
  const { startServer, loadConfig, openAccessPolicy } = await loadCompiledConfer();
  const config = loadConfig({
    PORT: String(options.port),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'silent',
    // Thousands of simulated users share 127.0.0.1: the per-IP upgrade limit would throttle the load generator.
    UPGRADES_PER_IP_PER_MINUTE: '0',
    DATABASE_URL: env.DATABASE_URL,
    DATABASE_SCHEMA: env.DATABASE_SCHEMA,
    REDIS_URL: env.REDIS_URL,
    REDIS_PREFIX: env.REDIS_PREFIX,
  });
  const server = await startServer(config, { policy: openAccessPolicy() });
  return { port: server.port, stop: () => server.close() };
}
