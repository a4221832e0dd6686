/** Confer as shipped (durable group commits: SQLite WAL, synchronous=FULL), open access: no accounts needed. */
import { openAccessPolicy } from '../../../server/collab/access.js';
import { loadConfig } from '../../../server/config.js';
import { startServer } from '../../../server/main.js';
import type { StartedTarget, TargetOptions } from './targets.js';

export async function start(options: TargetOptions, synchronous: 'FULL' | 'NORMAL'): Promise<StartedTarget> {
  const config = loadConfig({
    PORT: String(options.port),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'silent',
    // Thousands of simulated users share 127.0.0.1: the per-IP upgrade limit would throttle the load generator.
    UPGRADES_PER_IP_PER_MINUTE: '0',
    SQLITE_SYNCHRONOUS: synchronous,
  });
  const server = await startServer(config, { policy: openAccessPolicy() });
  return { port: server.port, stop: () => server.close() };
}
