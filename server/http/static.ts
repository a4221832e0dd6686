/**
 * Serves the built client from dist/client: hashed assets cached for a year, index.html and the
 * service worker never cached (they name the current hashes), and the SPA fallback for client-side routes. Scripts, styles and the
 * page go out as the brotli or gzip copies made at build time (vite.config.ts) when the browser
 * accepts them, so nothing is compressed per request.
 */
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';

/** The types the build writes compressed copies of (vite.config.ts `precompressed`). */
const PRECOMPRESSED_TYPES = /^(?:text\/|application\/javascript|image\/svg\+xml)/;

/**
 * serveStatic names `Accept-Encoding` in `Vary` only when it picked a compressed copy; a cache must
 * also know that the identity answer depends on it, or it would hand that larger copy to everyone.
 */
function varyOnEncoding(): MiddlewareHandler {
  return async function varyOnEncoding(c, next) {
    await next();
    if (!c.res.ok || !PRECOMPRESSED_TYPES.test(c.res.headers.get('Content-Type') ?? '')) return;
    if (!/accept-encoding/i.test(c.res.headers.get('Vary') ?? '')) c.header('Vary', 'Accept-Encoding', { append: true });
  };
}

/** Build output that is not for browsers: `.vite/manifest.json` and any other dot-file. */
function isHidden(requestPath: string): boolean {
  return requestPath.split('/').some((segment) => segment.startsWith('.'));
}

export function staticRoutes(distDir: string): Hono {
  const app = new Hono();
  const root = path.relative(process.cwd(), distDir) || '.';
  const indexFile = path.join(distDir, 'index.html');
  const files = serveStatic({ root, precompressed: true });
  const indexPage = serveStatic({ root, path: 'index.html', precompressed: true });
  app.use(
    '/assets/*',
    async function immutableAssets(c, next) {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    },
    varyOnEncoding(),
    files,
  );
  // The service worker (client/features/offline/sw.ts) is checked for a new version on every visit:
  // cached, a deploy would reach offline starts only when the cached copy expired.
  app.get('/sw.js', async function serviceWorkerNotCached(c, next) {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'no-cache');
  });
  app.get('*', varyOnEncoding(), async (c, next) => {
    const p = c.req.path;
    if (p.startsWith('/api/') || p.startsWith('/collab/')) return next();
    const file = path.join(distDir, path.normalize(p).replace(/^([/\\])+/, ''));
    if (file.startsWith(distDir) && p !== '/' && !isHidden(p) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return files(c, next);
    }
    if (!fs.existsSync(indexFile)) return c.text('Client not built: run `npm run build`.', 503);
    c.header('Cache-Control', 'no-cache');
    return indexPage(c, next);
  });
  return app;
}
