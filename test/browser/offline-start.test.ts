/**
 * Issue 19, item 13, in Chromium against a real server: the app opens with no network. The service
 * worker precaches the shell; once the server is gone, reloading a document opens it from its
 * IndexedDB copy, as the last signed-in user, and it can be edited. The worker never caches the
 * server's answers (/api, /collab, /healthz, /metrics), and /sw.js itself is served uncached.
 *
 * The server is stopped rather than the context set offline: Chromium's offline emulation does not
 * reach a service worker's own fetches (playwright issue 2311), so it would prove nothing.
 */
import type { APIRequestContext, Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, buildClient, launchBrowser, type ClientBuild } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { PASSWORD, editorText, typeAtEnd } from './workspace-helpers.js';

async function post<T>(request: APIRequestContext, url: string, data: unknown): Promise<T> {
  const res = await request.post(url, { data });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

describe.skipIf(!browserTestsEnabled())('offline start (issue 19, item 13)', () => {
  let build: ClientBuild | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    build = await buildClient();
    browser = await launchBrowser();
    server = await startTestServer({ distDir: build.distDir });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.dispose();
    build?.dispose();
  });

  it('opens a document with an offline copy, and edits it, with the server gone', { timeout: 120_000 }, async () => {
    if (!browser || !server) throw new Error('setup failed');
    const base = server.url;
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Asia/Kolkata', locale: 'en-GB' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    const { user } = await post<{ user: { id: string } }>(context.request, `${base}/api/auth/signup`, {
      name: 'Omar Offline',
      email: `offline-start-${Date.now()}@example.org`,
      password: PASSWORD,
    });
    const { workspace } = await post<{ workspace: { id: string } }>(context.request, `${base}/api/workspaces`, { name: 'Field station' });
    const { document } = await post<{ document: { id: string } }>(context.request, `${base}/api/workspaces/${workspace.id}/documents`, { title: 'Field notes', template: 'blank' });

    // The worker script is never cached, so a deploy reaches it at once.
    const sw = await fetch(`${base}/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');

    // Online: open the document, write, and let the worker install (it precaches the shell first).
    await page.goto(`${base}/d/${document.id}`);
    await page.locator('.status[data-connection="connected"]').waitFor();
    await typeAtEnd(page, 'Written online.');
    await page.locator('.status[data-save="saved"]').waitFor();
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${base}/`);
    // Wait for the copy to be readable from IndexedDB, as an offline start will read it.
    const copy = `confer:${user.id}:${document.id}`;
    await waitFor(
      () =>
        page.evaluate(
          (name) =>
            new Promise<boolean>((resolve) => {
              const open = indexedDB.open(name);
              open.onerror = () => resolve(false);
              open.onsuccess = () => {
                const db = open.result;
                if (!db.objectStoreNames.contains('updates')) return resolve(false);
                const count = db.transaction('updates').objectStore('updates').count();
                count.onsuccess = () => resolve(count.result > 0);
                count.onerror = () => resolve(false);
              };
            }),
          copy,
        ),
      { what: 'the IndexedDB copy' },
    );

    // The server goes away. Reloading is answered by the worker: the shell, then the copy.
    await server.dispose();
    await page.reload();
    await page.locator('.doc-body').waitFor();
    await waitFor(async () => (await editorText(page)).includes('Written online.'), { what: 'the offline copy' });
    await page.locator('.status[data-connection="offline"], .status[data-connection="connecting"]').first().waitFor();
    // With the title this browser knew, as the last signed-in user, who may edit: the text takes what is typed.
    expect(await page.locator('.doc-title').innerText()).toBe('Field notes');
    expect(await page.getByRole('link', { name: 'Profile: Omar Offline' }).count()).toBe(1);
    await page.locator('.doc-body[contenteditable="true"]').waitFor();
    await typeAtEnd(page, 'Typed with no server.');
    await waitFor(async () => (await editorText(page)).includes('Typed with no server.'), { what: 'the offline edit' });

    // Another page of the app opens too (the shell for every route), rather than the browser's error page.
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Confer' }).first().waitFor();

    // Nothing from the server's API, relay, health or metrics was put in any cache.
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      return urls;
    });
    expect(cached).toContain('/index.html');
    expect(cached.filter((path) => /^\/(api|collab|healthz|metrics)(\/|$)/.test(path))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
