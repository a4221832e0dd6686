/**
 * Finding things (issue 19, item 12) in Chromium against a real server: the home page's Recent list
 * spans every group with the last opened document first; Ctrl+/ opens the quick switcher, which narrows
 * as you type and opens a document or a group with the keyboard; search finds a comment and opens the
 * document on its thread.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addThread, commentsDocId } from '../../shared/comments/threads.js';
import { ApiClient } from '../auth/api-client.js';
import { browserTestsEnabled, buildClient, collectErrors, launchBrowser, type ClientBuild } from '../helpers/browser.js';
import type { TestClient } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

describe.skipIf(!browserTestsEnabled())('finding things', () => {
  let build: ClientBuild | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let errors: string[] = [];
  const clients: TestClient[] = [];
  const ids = { cardiology: '', grants: '', sepsis: '', proposal: '', budget: '' };

  beforeAll(async () => {
    build = await buildClient();
    browser = await launchBrowser();
    server = await startTestServer({ distDir: build.distDir, timings: { indexDelayMs: 20 } });
    const priya = new ApiClient(server.url);
    const priyaId = (await priya.signup('Priya Raman')).id;
    ids.cardiology = await priya.workspace('Cardiology');
    ids.grants = await priya.workspace('Grant office');
    ids.sepsis = await priya.document(ids.cardiology, 'Sepsis bundle');
    ids.proposal = await priya.document(ids.grants, 'ERC proposal 2027');
    ids.budget = await priya.document(ids.grants, 'Budget justification');
    // Opened last: the proposal, then the budget.
    await priya.post(`/api/documents/${ids.budget}/visit`);
    await priya.post(`/api/documents/${ids.proposal}/visit`);
    const comments = await priya.connect(commentsDocId(ids.sepsis));
    clients.push(comments);
    const me = { id: priyaId, name: 'Priya Raman' };
    addThread(comments.doc, { id: 'thread-1', anchor: { start: null, end: null }, quote: '', createdBy: me, createdAt: 1 }, { id: 'c1', author: me, body: 'Check the lactate thresholds with the lab.', mentions: [], createdAt: 1 });
    let last: unknown;
    await waitFor(
      async () => {
        last = (await priya.get('/api/search?q=thresholds')).body;
        return (last as { comments: unknown[] }).comments.length === 1;
      },
      { what: 'the comment indexed', timeoutMs: 30_000 },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; last answer: ${JSON.stringify(last)}`);
    });

    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const url = new URL(server.url);
    await context.addCookies([{ name: 'confer_session', value: priya.cookie.split('=')[1] ?? '', domain: url.hostname, path: '/', httpOnly: true, sameSite: 'Lax' }]);
    page = await context.newPage();
    errors = collectErrors(page);
  }, 180_000);

  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await context?.close();
    await browser?.close();
    await server?.dispose();
    build?.dispose();
  });

  it('lists recent documents across groups, the last opened first', async () => {
    await page.goto(`${server?.url}/`);
    const recent = page.getByRole('region', { name: 'Recent' });
    await recent.waitFor();
    const titles = await recent.locator('.recent-title').allInnerTexts();
    expect(titles.slice(0, 2)).toEqual(['ERC proposal 2027', 'Budget justification']);
    expect(titles).toContain('Sepsis bundle');
    expect(await recent.locator('li', { hasText: 'ERC proposal 2027' }).innerText()).toContain('Grant office');
  });

  it('opens a document and a group from the quick switcher with the keyboard', async () => {
    await page.goto(`${server?.url}/`);
    await page.getByRole('region', { name: 'Recent' }).waitFor();
    await page.keyboard.press('Control+/');
    const box = page.getByRole('combobox', { name: 'Document or group name' });
    await box.waitFor();
    await box.fill('sepsis');
    const options = page.getByRole('listbox', { name: 'Matches' }).getByRole('option');
    await waitFor(async () => (await options.allInnerTexts()).length === 1 && (await options.first().innerText()).includes('Sepsis bundle'), { what: 'the list narrowed to one' });
    await box.press('Enter');
    await waitFor(() => page.url().endsWith(`/d/${ids.sepsis}`), { what: `the page at /d/${ids.sepsis}` });

    await page.keyboard.press('Control+/');
    await box.waitFor();
    await box.fill('grant');
    // No document is called "grant": once the documents are narrowed too, the group is all that is left.
    let texts: string[] = [];
    await waitFor(async () => {
      texts = await options.allInnerTexts();
      return texts.length === 1 && texts[0]?.includes('Grant office');
    }, { what: 'only the group listed' }).catch((error: unknown) => {
      throw new Error(`${String(error)}; listed: ${JSON.stringify(texts)}`);
    });
    await box.press('ArrowDown');
    await box.press('Enter');
    await waitFor(() => page.url().endsWith(`/w/${ids.grants}`), { what: `the page at /w/${ids.grants}` });
    // Escape closes it without going anywhere.
    await page.keyboard.press('Control+/');
    await box.waitFor();
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'detached' });
    expect(page.url()).toContain(`/w/${ids.grants}`);
  });

  it('finds a comment and opens its document on the thread', async () => {
    // Search lives on the group's Activity tab.
    await page.goto(`${server?.url}/w/${ids.cardiology}?tab=activity`);
    const search = page.getByRole('searchbox', { name: 'Search documents and comments' });
    await search.fill('thresholds');
    const hit = page.getByRole('list', { name: 'Matching comments' }).getByRole('link', { name: 'Sepsis bundle' });
    await hit.waitFor();
    expect(await page.getByRole('list', { name: 'Matching comments' }).innerText()).toContain('thresholds');
    await hit.click();
    await waitFor(() => page.url().endsWith(`/d/${ids.sepsis}#comment-thread-1`), { what: `the page at /d/${ids.sepsis}#comment-thread-1` });
    expect(errors).toEqual([]);
  });
});
