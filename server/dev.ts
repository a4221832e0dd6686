/**
 * `npm run dev`: the Confer server plus a Vite dev server (hot reload) that proxies /api, /collab,
 * /healthz and /metrics to it. Open the Vite URL. Both stop on SIGINT/SIGTERM.
 */
import path from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { devProxy } from '../vite.config.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { loopbackOrigins } from './http/origin.js';
import { startServer, type RunningServer } from './main.js';

/** The Vite port; fixed (strictPort) because the server's origin allow-list must name it. */
const DEFAULT_DEV_PORT = 5173;

function devConfig(env: NodeJS.ProcessEnv, devPort: number): Config {
  // Pages come from the Vite origin, so WebSocket upgrades and POSTs carry it as Origin.
  const extra = [...loopbackOrigins(devPort)];
  const port = Number(env.PORT ?? 8787);
  // Naming any origin replaces the loopback default: keep the server's own port usable directly too.
  if (Number.isInteger(port) && port > 0) extra.push(...loopbackOrigins(port));
  const allowed = [env.ALLOWED_ORIGINS, ...extra].filter((o): o is string => Boolean(o)).join(',');
  return loadConfig({ ...env, ALLOWED_ORIGINS: allowed });
}

async function main(): Promise<void> {
  const devPort = Number(process.env.DEV_PORT ?? DEFAULT_DEV_PORT);
  let config: Config;
  try {
    if (!Number.isInteger(devPort) || devPort <= 0 || devPort > 65535) throw new ConfigError(`Invalid configuration:\n  DEV_PORT: "${process.env.DEV_PORT}" is not a port`);
    config = devConfig(process.env, devPort);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  let server: RunningServer | null = null;
  let vite: ViteDevServer | null = null;
  let stopping = false;
  const stop = async (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    server?.log.info({ signal }, 'shutting down');
    try {
      await vite?.close();
      await server?.close();
    } catch (error) {
      process.stderr.write(`shutdown failed: ${String(error)}\n`);
      code = 1;
    }
    process.exit(code);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  try {
    server = await startServer(config);
    vite = await createServer({
      configFile: path.resolve(import.meta.dirname, '..', 'vite.config.ts'),
      server: { port: devPort, strictPort: true, proxy: devProxy(server.url) },
    });
    await vite.listen();
  } catch (error) {
    process.stderr.write(`npm run dev could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    await stop('startup-failure', 1);
    return;
  }
  process.stdout.write(`\nConfer API and relay: ${server.url}\nOpen the editor (hot reload):\n`);
  vite.printUrls();
}

void main();
