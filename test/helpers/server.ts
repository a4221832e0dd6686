/** Starts a real Confer server on port 0 with its own temporary data directory. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../server/config.js';
import { startServer, type RunningServer, type StartOptions } from '../../server/main.js';

export interface TestServer extends RunningServer {
  dataDir: string;
  config: Config;
  /** Closes the server and removes its data directory. */
  dispose(): Promise<void>;
}

export function tempDir(prefix = 'confer-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startTestServer(
  options: StartOptions & { dataDir?: string; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir();
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ROOM_UNLOAD_GRACE_MS: '50', ...options.env });
  const server = await startServer(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), ...options });
  let disposed = false;
  return {
    ...server,
    dataDir,
    config,
    async dispose() {
      if (disposed) return;
      disposed = true;
      await server.close();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
