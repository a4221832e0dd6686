/** Confer as shipped (compiled; durable group commits: SQLite WAL, synchronous=FULL), open access: no accounts needed. */
import { loadCompiledConfer } from './compiled.js';
import type { StartedTarget, TargetOptions } from './targets.js';

export async function start(options: TargetOptions, synchronous: 'FULL' | 'NORMAL'): Promise<StartedTarget> {
  const { startServer, loadConfig, openAccessPolicy } = await loadCompiledConfer();
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
