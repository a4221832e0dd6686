/** The first editor page in a real browser against a real server: two people, one document. */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    // Accounts arrive separately; this slice test keeps the relay's open development policy on purpose.
    server = await startTestServer({ policy: openAccessPolicy(), distDir: build.distDir });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts.splice(0)) await context.close();
    await browser?.close();
    await server?.dispose();
    build?.dispose();
  });

  it("two pages on the same /d/<id> type; each sees the other's text and caret label", async () => {
    if (!browser || !server) throw new Error('setup failed');
    const docId = `browser-${randomUUID()}`;
    // Separate contexts, like two people on two machines: nothing shared but the server.
    const pages: Page[] = [];
    for (let i = 0; i < 2; i++) {
      const context = await browser.newContext();
      contexts.push(context);
      pages.push(await context.newPage());
    }
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
});
