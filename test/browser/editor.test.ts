/**
 * The editor page in a real browser against a real server: two people on one document (open relay
 * policy), and the way in through sign-up with the default session policy.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_FRAGMENT } from '../../shared/editor/extensions.js';
import { openAccessPolicy } from '../../server/collab/access.js';
import { browserTestsEnabled, buildClient, collectErrors, launchBrowser, type ClientBuild } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

/** The document's paragraphs as text, without the other people's caret labels drawn inside them. */
const editorText = (page: Page) =>
  page.locator('.doc-body').evaluate((body) => {
    const copy = body.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return Array.from(copy.querySelectorAll('p'), (p) => p.textContent ?? '').join('\n');
  });
const caretLabels = (page: Page) => page.locator('.collaboration-carets__label').allInnerTexts();

describe.skipIf(!browserTestsEnabled())('editor page in Chromium', () => {
  let build: ClientBuild | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    build = await buildClient();
    browser = await launchBrowser();
  }, 180_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    await server?.dispose();
    server = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    build?.dispose();
  });

  async function newPage(): Promise<Page> {
    if (!browser) throw new Error('browser did not start');
    // A context per page, like people on different machines: nothing shared but the server.
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  }

  it("two pages on the same /d/<id> type; each sees the other's text and caret label", async () => {
    if (!build) throw new Error('build failed');
    // The slice test of the relay: the open development policy, explicitly (accounts have their own test below).
    server = await startTestServer({ policy: openAccessPolicy(), distDir: build.distDir });
    const docId = `browser-${randomUUID()}`;
    const pages = [await newPage(), await newPage()];
    const [alice, bob] = pages as [Page, Page];
    const errors = pages.map(collectErrors);

    for (const page of pages) {
      await page.goto(`${server.url}/d/${docId}`);
      await page.locator('.status[data-connection="connected"]').waitFor();
    }

    await alice.locator('.doc-body').click();
    await alice.keyboard.type('Protocol draft from Alice.');
    await waitFor(async () => (await editorText(bob)).includes('Protocol draft from Alice.'), { what: 'Bob sees Alice' });

    await bob.locator('.doc-body').click();
    await bob.keyboard.press('Control+End');
    await bob.keyboard.press('Enter');
    // Both type at the same time now.
    await Promise.all([alice.keyboard.type(' Reviewed on Monday.'), bob.keyboard.type('Comments from Bob.')]);

    const expected = ['Protocol draft from Alice. Reviewed on Monday.', 'Comments from Bob.'];
    for (const page of pages) {
      await waitFor(async () => {
        const text = await editorText(page);
        return expected.every((line) => text.includes(line));
      }, { what: 'both edits on both pages' });
    }
    expect(await editorText(alice)).toBe(expected.join('\n'));
    expect(await editorText(bob)).toBe(expected.join('\n'));

    // Each page draws exactly one remote caret: the other person's, labelled with their name.
    const [aliceSees, bobSees] = await Promise.all(
      pages.map((page) => waitFor(async () => {
        const labels = await caretLabels(page);
        return labels.length === 1 && labels[0] ? labels : null;
      }, { what: 'a caret label' })),
    );
    expect(aliceSees?.[0]).not.toBe(bobSees?.[0]);

    for (const page of pages) await page.locator('.status[data-save="saved"]').waitFor();
    const stored = server.hub.registry.peek(docId)?.doc.getXmlFragment(DOCUMENT_FRAGMENT).toString() ?? '';
    for (const line of expected) expect(stored).toContain(line);

    expect(errors.flat()).toEqual([]);
  });

  it('without a session the page sends you to sign in; after sign-up "New document" opens a live document; logout ends it', async () => {
    if (!build) throw new Error('build failed');
    server = await startTestServer({ distDir: build.distDir });
    const page = await newPage();
    const errors = collectErrors(page);

    const missing = `nobody-${randomUUID()}`;
    await page.goto(`${server.url}/d/${missing}`);
    await page.waitForURL((url) => url.pathname === '/signin' && url.searchParams.get('next') === `/d/${missing}`);

    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill('Ada Researcher');
    await page.getByLabel('Email').fill(`ada-${randomUUID()}@example.org`);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create account' }).click();

    // Back where we came from, signed in now: that document is not ours, and the page says so with the
    // not-found page (no editor, no toolbar), as for a missing working group.
    await page.waitForURL((url) => url.pathname === `/d/${missing}`);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    expect(await page.locator('.doc-body').count()).toBe(0);

    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'New document' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/d/') && url.pathname !== `/d/${missing}`);
    await page.locator('.status[data-connection="connected"]').waitFor();
    await page.locator('.doc-body').click();
    await page.keyboard.type('Signed in and writing.');
    await page.locator('.status[data-save="saved"]').waitFor();
    expect(await editorText(page)).toContain('Signed in and writing.');

    // Signing out closes the live socket with 4401; the page stops and sends us to sign in again.
    const docPath = new URL(page.url()).pathname;
    expect(await page.evaluate(async () => (await fetch('/api/auth/logout', { method: 'POST' })).status)).toBe(204);
    await page.waitForURL((url) => url.pathname === '/signin' && url.searchParams.get('next') === docPath);

    // The refused upgrade shows up as a failed WebSocket and the 401/404 probes as failed resources.
    const unexpected = errors.filter((e) => !/WebSocket connection to .* failed|status of 40[14]/.test(e));
    expect(unexpected).toEqual([]);
  });
});
