/**
 * Client build and dev server. Deliberately not imported by vitest.config.ts: vite-plugin-solid makes
 * `ws` resolve to its browser build, which breaks the server tests.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';

/** Where the dev server forwards API, WebSocket, health and metrics requests when nothing else says. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

/**
 * Dev-server proxy to a running Confer server. `changeOrigin` stays off so the server sees the browser's
 * real Origin (the Vite origin, which `npm run dev` adds to ALLOWED_ORIGINS).
 */
export function devProxy(target: string): Record<string, ProxyOptions> {
  return {
    '/api': { target },
    '/collab': { target, ws: true },
    '/healthz': { target },
    '/metrics': { target },
  };
}

/**
 * Routes `import katex` from TipTap's math node views to client/editor/lazy-katex.ts, which loads
 * KaTeX only when a document shows math: it is a third of the editor's JavaScript.
 */
function lazyKatex(): Plugin {
  const shim = fileURLToPath(new URL('./client/editor/lazy-katex.ts', import.meta.url));
  return {
    name: 'confer:lazy-katex',
    enforce: 'pre',
    resolveId(source, importer) {
      return source === 'katex' && importer !== shim ? shim : null;
    },
  };
}

/**
 * Brotli and gzip copies (`x.js.br`, `x.js.gz`) of every script, stylesheet, page and SVG, made once
 * at build time at the highest levels, so the server streams them (server/http/static.ts) instead of
 * compressing on each request. Source maps (fetched only by devtools) and fonts (woff2 is compressed
 * already) are left alone.
 */
function precompressed(): Plugin {
  return compression({
    include: /\.(js|css|html|svg)$/,
    algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip', { level: 9 })],
    skipIfLargerOrEqual: true,
    logLevel: 'silent',
  });
}

/**
 * The service worker that lets the app open offline (client/features/offline/sw.ts, registered by
 * features/offline/register.ts), with the list of this build's files to precache injected into it.
 * Source maps and the .br/.gz copies are not precached: browsers never ask for them.
 */
function offlineShell(): Plugin[] {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'features/offline',
    filename: 'sw.ts',
    injectRegister: false,
    manifest: false,
    injectManifest: {
      globPatterns: ['**/*.{js,css,html,svg,woff2}'],
      sourcemap: false,
    },
  });
}

export default defineConfig(() => ({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  plugins: [lazyKatex(), solid(), offlineShell(), precompressed()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    // .vite/manifest.json: which chunks each page loads (the bundle-size test reads it; never served).
    manifest: true,
    target: 'es2022',
    // The editor chunk is ~600 KB minified; the budget that matters is what is sent (250 KB, see README).
    chunkSizeWarningLimit: 700,
    // Slow-plugin warnings fire whenever the (shared, two-core) machine is busy; they are not actionable.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    proxy: devProxy(process.env.CONFER_SERVER_URL ?? DEFAULT_SERVER_URL),
  },
}));
