/**
 * The set-up most browser suites share: one production build of the client, one Chromium and one
 * Confer server for the describe block, and every browser context a test opens closed after that
 * test. Call it at the top of a `describe`: it registers the block's hooks.
 */
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { buildClient, launchBrowser, type ClientBuild } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

type ServerOptions = Omit<NonNullable<Parameters<typeof startTestServer>[0]>, 'distDir'>;

export interface BrowserSuite {
  readonly browser: Browser;
  readonly server: TestServer;
  /** A new browser context, closed after the current test. */
  context(options?: BrowserContextOptions): Promise<BrowserContext>;
}

export function browserSuite(serverOptions: ServerOptions = {}): BrowserSuite {
  let build: ClientBuild | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    build = await buildClient();
    browser = await launchBrowser();
    server = await startTestServer({ ...serverOptions, distDir: build.distDir });
  }, 180_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    build?.dispose();
  });

  function ready<T>(value: T | undefined): T {
    if (value === undefined) throw new Error('the browser suite failed to set up (see beforeAll)');
    return value;
  }

  return {
    get browser() {
      return ready(browser);
    },
    get server() {
      return ready(server);
    },
    async context(options) {
      const context = await ready(browser).newContext(options);
      contexts.push(context);
      return context;
    },
  };
}
