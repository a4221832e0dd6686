/**
 * `npm start` runs this file compiled (`dist/server/server/start.js`), after server/ensure-built.mjs
 * has brought dist/server and dist/client up to date where it could: it serves dist/client and shuts
 * the server down gracefully on SIGTERM/SIGINT.
 */
import path from 'node:path';
import { loadConfig, ConfigError } from './config.js';
import { startServer } from './main.js';

async function main(): Promise<void> {
  const root = process.cwd();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const server = await startServer(config, { distDir: path.join(root, 'dist', 'client') });
  server.log.info({ url: server.url, dataDir: path.resolve(config.dataDir) }, 'Confer is running');
  process.stdout.write(`\nConfer is running at ${server.url}\n\n`);
  const stop = (signal: string) => {
    server.log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

void main();
