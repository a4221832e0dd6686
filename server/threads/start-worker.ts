/**
 * Starts a worker thread from a module of ours, whether the server runs compiled (`node dist/…/*.js`)
 * or from its TypeScript sources (tsx for `npm run dev`, vitest for the tests). Callers name the worker
 * module with a `.js` URL, as they name imports: `startWorker(new URL('./x-worker.js', import.meta.url))`.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

// This file's own extension says how the whole server runs: every module is compiled together or none is.
const fromSource = import.meta.url.endsWith('.ts');

/** The file that actually runs for a worker module named `…/name.js`: itself when compiled, `name.ts` from source. */
export function workerModuleUrl(moduleUrl: URL): URL {
  if (!moduleUrl.pathname.endsWith('.js')) throw new Error(`worker modules are named by their .js URL, got ${moduleUrl.href}`);
  return fromSource ? new URL(moduleUrl.href.replace(/\.js$/, '.ts')) : moduleUrl;
}

/** Starts the worker module named `…/name.js` (see the file header); `options` go to `new Worker` unchanged. */
export function startWorker(moduleUrl: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const entry = workerModuleUrl(moduleUrl);
  if (!fromSource) return new Worker(entry, options);
  // A worker does not inherit the parent's TypeScript loader (Node 20 applies neither the parent's
  // module hooks nor `--import` in execArgv to workers): register tsx inside it, then load the entry.
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
