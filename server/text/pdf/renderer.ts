/**
 * Server-side PDF rendering in headless Chromium (Debian's, through playwright-core), off the event
 * loop: the page is laid out and printed in the browser's processes, and this side only exchanges
 * messages with it.
 *
 * - At most `maxConcurrent` pages render at a time (Chromium takes a core and ~100 MB per page);
 *   `maxQueued` more wait in order, and beyond that `render` throws PdfBusyError (the route answers
 *   503 with Retry-After) instead of letting a burst of exports pile up memory.
 * - Nothing the page names is fetched: scripts are off and every request the page makes is aborted,
 *   so a document cannot make the server call an address (no SSRF through an image or a stylesheet).
 *   Inline content (styles, data: images) needs no request.
 * - The browser starts on the first export and closes after `idleCloseMs` without one, so an idle
 *   server does not carry it; a browser that crashed is started again on the next export.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import type { Logger } from 'pino';
import { CHROMIUM_FORMAT, type PaperSize } from './paper.js';

/** Where Debian, Ubuntu and Google put Chromium, tried in order when no path is configured. */
const KNOWN_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags for a browser on a closed network that must not phone anywhere (see the README's machine notes). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Page numbers in the footer: Chromium fills the `pageNumber` and `totalPages` spans. */
const FOOTER = `<div style="width:100%;font:9px system-ui,sans-serif;color:#555;text-align:center;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`;

/** No Chromium on this server: PDF export is not available (the route answers 501). */
export class PdfUnavailableError extends Error {}
/** Every renderer is busy and the queue is full (the route answers 503 with Retry-After). */
export class PdfBusyError extends Error {}

export interface PdfRendererOptions {
  /** The browser executable; undefined looks in the usual places, null turns PDF export off. */
  executablePath?: string | null;
  /** Pages rendered at once. */
  maxConcurrent?: number;
  /** Exports waiting for a renderer before new ones are refused. */
  maxQueued?: number;
  /** A page that takes longer than this is abandoned (a pathological document must not hold a renderer). */
  renderTimeoutMs?: number;
  /** The browser closes after this long without an export. */
  idleCloseMs?: number;
  log: Logger;
}

export interface RenderOptions {
  paper: PaperSize;
}

function findChromium(configured: string | null | undefined): string | null {
  if (configured === null) return null;
  if (configured !== undefined) return fs.existsSync(configured) ? configured : null;
  return KNOWN_PATHS.find((candidate) => fs.existsSync(candidate)) ?? null;
}

export class PdfRenderer {
  private readonly executablePath: string | null;
  private readonly maxConcurrent: number;
  private readonly maxQueued: number;
  private readonly renderTimeoutMs: number;
  private readonly idleCloseMs: number;
  private readonly log: Logger;
  private browser: Promise<Browser> | null = null;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Requests the rendered pages tried to make, all refused (exposed for tests and logs). */
  blockedRequests = 0;

  constructor(options: PdfRendererOptions) {
    this.executablePath = findChromium(options.executablePath);
    this.maxConcurrent = options.maxConcurrent ?? 1;
    this.maxQueued = options.maxQueued ?? 8;
    this.renderTimeoutMs = options.renderTimeoutMs ?? 30_000;
    this.idleCloseMs = options.idleCloseMs ?? 60_000;
    this.log = options.log;
  }

  /** Whether this server can render PDFs at all. */
  get available(): boolean {
    return this.executablePath !== null && !this.closed;
  }

  /** Prints `html` (a complete page) to a tagged PDF with an outline of its headings and page numbers. */
  async render(html: string, options: RenderOptions): Promise<Uint8Array> {
    if (!this.available) throw new PdfUnavailableError('PDF export needs Chromium on the server (install it, or set CHROMIUM_PATH)');
    await this.acquire();
    try {
      return await this.renderPage(html, options);
    } finally {
      this.release();
    }
  }

  /** Closes the browser; later renders throw PdfUnavailableError. */
  async close(): Promise<void> {
    this.closed = true;
    this.clearIdleTimer();
    for (const wake of this.waiting.splice(0)) wake();
    await this.closeBrowser();
  }

  private async acquire(): Promise<void> {
    this.clearIdleTimer();
    if (this.running < this.maxConcurrent) {
      this.running += 1;
      return;
    }
    if (this.waiting.length >= this.maxQueued) throw new PdfBusyError('every PDF renderer is busy: try again in a few seconds');
    // release() hands its slot over directly, so `running` stays counted for the woken export.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.closed) throw new PdfUnavailableError('the server is shutting down');
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      next();
      return;
    }
    this.running -= 1;
    if (this.running === 0 && !this.closed) {
      this.idleTimer = setTimeout(() => void this.closeBrowser(), this.idleCloseMs);
      this.idleTimer.unref();
    }
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const executablePath = this.executablePath as string;
      // Loaded on first use: playwright-core is not needed by a server that never exports a PDF.
      const launching = import('playwright-core').then(({ chromium }) => chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS }));
      this.browser = launching;
      launching.then(
        (browser) =>
          browser.on('disconnected', () => {
            if (this.browser === launching) this.browser = null;
          }),
        () => {
          if (this.browser === launching) this.browser = null;
        },
      );
    }
    return this.browser;
  }

  private async closeBrowser(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (!browser) return;
    await browser.then((b) => b.close()).catch((error: unknown) => this.log.warn({ err: error }, 'closing the PDF browser failed'));
  }

  private async renderPage(html: string, options: RenderOptions): Promise<Uint8Array> {
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false, serviceWorkers: 'block' });
    let timer: NodeJS.Timeout | undefined;
    try {
      await context.route('**/*', (route) => {
        this.blockedRequests += 1;
        this.log.warn({ url: route.request().url().slice(0, 200) }, 'PDF export: blocked a request from the page');
        return route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      const printing = (async () => {
        await page.setContent(html, { waitUntil: 'load', timeout: this.renderTimeoutMs });
        return page.pdf({
          format: CHROMIUM_FORMAT[options.paper],
          margin: { top: '2cm', bottom: '2cm', left: '2cm', right: '2cm' },
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: FOOTER,
          tagged: true,
          outline: true,
        });
      })();
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PdfBusyError('the PDF took too long to render')), this.renderTimeoutMs);
      });
      const pdf = await Promise.race([printing, timedOut]);
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      clearTimeout(timer);
      await context.close().catch(() => undefined);
    }
  }
}
