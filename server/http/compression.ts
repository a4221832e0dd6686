/**
 * On-the-fly gzip of JSON, HTML and other text answers (Hono's `compress`, on the runtime's
 * CompressionStream, off the event loop). Static assets already carry their build-time brotli or gzip
 * copy and are passed over, like every answer that has a `Content-Encoding` or a type that is not
 * text (DOCX exports are zip files). The WebSocket upgrade route is never touched: middleware that
 * changes headers on the upgrade response breaks it (hono issues 1102, 2535).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { compress, COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/compress';

/** Below this, gzip's header and a fresh zlib stream cost more than they save. */
const THRESHOLD_BYTES = 1024;

function isUpgrade(c: Context): boolean {
  const p = c.req.path;
  return p === '/collab' || p.startsWith('/collab/') || c.req.header('upgrade') !== undefined;
}

/**
 * `compress` skips small answers only when it knows their length, and `c.json` / `c.text` do not
 * set Content-Length. Their bodies are in memory already, so measure them (text types only).
 */
async function measureTextBody(c: Context): Promise<void> {
  const res = c.res;
  const type = res.headers.get('Content-Type') ?? '';
  if (!res.body || res.headers.has('Content-Length') || res.headers.has('Content-Encoding') || !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type)) return;
  const body = await res.arrayBuffer();
  c.res = new Response(body, res);
  c.res.headers.set('Content-Length', String(body.byteLength));
}

/** gzip for text answers of 1 KB and more, except on the relay's upgrade route. */
export function responseCompression(): MiddlewareHandler {
  // gzip only: every browser takes it, and `deflate` has meant two different formats in the wild.
  const gzipText = compress({ encoding: 'gzip', threshold: THRESHOLD_BYTES });
  return async function compressUnlessUpgrade(c, next) {
    if (isUpgrade(c)) return next();
    return gzipText(c, async () => {
      await next();
      await measureTextBody(c);
    });
  };
}
