/**
 * `npm start` runs this file compiled (`dist/server/server/start.js`, after `tsc -b tsconfig.build.json`
 * has brought the server build up to date): it builds the client into dist/client if that is missing or
 * older than the sources, then runs the server and shuts it down gracefully on SIGTERM/SIGINT.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, ConfigError } from './config.js';
import { startServer } from './main.js';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

function clientNeedsBuild(root: string): boolean {
  const index = path.join(root, 'dist', 'client', 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  return newestMtime(path.join(root, 'client')) > built || newestMtime(path.join(root, 'shared')) > built;
}

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
  if (clientNeedsBuild(root)) {
    process.stdout.write('Building the client (first start or sources changed)...\n');
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
      stdio: 'inherit',
    });
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
