/**
 * Serves the built client from dist/: hashed assets cached for a year, index.html never cached, and
 * the SPA fallback for client-side routes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

export function staticRoutes(distDir: string): Hono {
  const app = new Hono();
  const indexFile = path.join(distDir, 'index.html');
  app.use(
    '/assets/*',
    async function immutableAssets(c, next) {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    },
    serveStatic({ root: path.relative(process.cwd(), distDir) || '.' }),
  );
  app.get('*', async (c, next) => {
    const p = c.req.path;
    if (p.startsWith('/api/') || p.startsWith('/collab/')) return next();
    const file = path.join(distDir, path.normalize(p).replace(/^([/\\])+/, ''));
    if (file.startsWith(distDir) && p !== '/' && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return serveStatic({ root: path.relative(process.cwd(), distDir) || '.' })(c, next);
    }
    if (!fs.existsSync(indexFile)) return c.text('Client not built: run `npm run build`.', 503);
    c.header('Cache-Control', 'no-cache');
    return c.html(fs.readFileSync(indexFile, 'utf8'));
  });
  return app;
}
