/**
 * Confer's compiled server (dist/server, what `npm start` runs), for the bench targets. Measuring the
 * TypeScript sources under tsx would charge Confer for the loader: tsx and esbuild in the main thread
 * and again in the SQLite writer thread (about 70 MB of idle RSS together), and esbuild's `__name`
 * helper, which turns every named function into a dictionary-mode object (about 3 KB of heap per room
 * and per connection).
 * The bench brings the build up to date first (`ensureServerBuilt`).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Main = typeof import('../../../server/main.js');
type Config = typeof import('../../../server/config.js');
type Access = typeof import('../../../server/collab/access.js');
type Suggestions = typeof import('../../../server/features/suggestions/index.js');

export interface CompiledConfer {
  startServer: Main['startServer'];
  loadConfig: Config['loadConfig'];
  openAccessPolicy: Access['openAccessPolicy'];
  bodyGuards: Suggestions['bodyGuards'];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function compiled<T>(module: string): Promise<T> {
  return import(pathToFileURL(path.join(root, 'dist', 'server', 'server', module)).href) as Promise<T>;
}

/** The compiled modules a bench target needs. */
export async function loadCompiledConfer(): Promise<CompiledConfer> {
  const [main, config, access, suggestions] = await Promise.all([
    compiled<Main>('main.js'),
    compiled<Config>('config.js'),
    compiled<Access>('collab/access.js'),
    compiled<Suggestions>('features/suggestions/index.js'),
  ]);
  return { startServer: main.startServer, loadConfig: config.loadConfig, openAccessPolicy: access.openAccessPolicy, bodyGuards: suggestions.bodyGuards };
}

/** Compiles the server when dist/server is missing or older than its sources (a few stats when current). */
export function ensureServerBuilt(): void {
  execFileSync(process.execPath, [path.join(root, 'server', 'ensure-built.mjs'), '--server-only'], { cwd: root, stdio: 'inherit' });
}
