/**
 * Research features in Chromium against a real server: a comment whose anchor holds while someone
 * else edits around it (its text highlighted while it is written), then resolved; a version compared with the current text and restored; a
 * section going over its word limit turns red.
 */
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, buildClient, collectErrors, launchBrowser, type ClientBuild } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { PASSWORD, editorText } from './workspace-helpers.js';

async function post<T>(request: APIRequestContext, url: string, data: unknown): Promise<T> {
  const res = await request.post(url, { data });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

describe.skipIf(!browserTestsEnabled())('research writing in Chromium', () => {
  let build: ClientBuild | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  let counter = 0;

  beforeAll(async () => {
    build = await buildClient();
    browser = await launchBrowser();
    server = await startTestServer({
      distDir: build.distDir,
      timings: { indexDelayMs: 50, versionIdleMs: 200, versionMaxWaitMs: 2000, activityIdleMs: 100, activityMaxWaitMs: 2000 },
    });
  }, 180_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    build?.dispose();
  });

  /** A signed-up person in their own context and zone, with a page that records errors. */
  async function person(name: string, timezoneId: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    if (!browser || !server) throw new Error('setup failed');
    const context = await browser.newContext({ timezoneId, viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    contexts.push(context);
    counter += 1;
    await post(context.request, `${server.url}/api/auth/signup`, { name, email: `r${counter}-${Date.now()}@example.org`, password: PASSWORD, timeZone: timezoneId });
    const page = await context.newPage();
    return { context, page, errors: collectErrors(page) };
  }

  /** A workspace of `owner` with one blank document; returns their ids. */
  async function groupWithDocument(owner: BrowserContext, title: string): Promise<{ workspaceId: string; docId: string }> {
    const base = server?.url ?? '';
    const { workspace } = await post<{ workspace: { id: string } }>(owner.request, `${base}/api/workspaces`, { name: 'Oncology trials' });
    const { document } = await post<{ document: { id: string } }>(owner.request, `${base}/api/workspaces/${workspace.id}/documents`, { title });
    return { workspaceId: workspace.id, docId: document.id };
  }

  async function open(page: Page, docId: string): Promise<void> {
    await page.goto(`${server?.url}/d/${docId}`);
    await page.locator('.status[data-connection="connected"]').waitFor();
  }

  const anchoredText = (page: Page) => page.locator('.doc-body .comment-anchor').allInnerTexts();

  it('one person comments on a sentence, another edits around it, the anchor holds, and the first resolves it', async () => {
    const alice = await person('Alice Adeyemi', 'Africa/Lagos');
    const bob = await person('Bob Brandt', 'America/Chicago');
    const { workspaceId, docId } = await groupWithDocument(alice.context, 'Phase II protocol');
    const { token } = await post<{ token: string }>(alice.context.request, `${server?.url}/api/workspaces/${workspaceId}/invites`, { role: 'editor' });
    await post(bob.context.request, `${server?.url}/api/invites/${token}/accept`, {});

    await open(alice.page, docId);
    await alice.page.locator('.doc-body').click();
    await alice.page.keyboard.type('The primary endpoint is overall survival.');
    // Select "overall survival" with the keyboard, as a person would.
    await alice.page.keyboard.press('ArrowLeft');
    for (let i = 0; i < 'overall survival'.length; i++) await alice.page.keyboard.press('Shift+ArrowLeft');
    await alice.page.getByRole('tab', { name: 'Comments' }).click();
    await alice.page.getByLabel('Comment on the selected text…').fill('Is this OS at five years?');
    // While she writes (the focus in the panel), the text she selected stays highlighted.
    const draftText = () => alice.page.locator('.doc-body .comment-draft').allInnerTexts();
    await waitFor(async () => (await draftText()).join('') === 'overall survival', { what: 'the selection highlighted while writing' });
    await alice.page.getByRole('button', { name: 'Comment', exact: true }).click();
    await waitFor(async () => (await anchoredText(alice.page)).join('') === 'overall survival', { what: 'the highlight at Alice' });
    await waitFor(async () => (await draftText()).length === 0, { what: 'no draft highlight once posted' });

    await open(bob.page, docId);
    await bob.page.getByRole('tab', { name: 'Comments' }).click();
    await bob.page.locator('.thread', { hasText: 'Is this OS at five years?' }).waitFor();
    await waitFor(async () => (await anchoredText(bob.page)).join('') === 'overall survival', { what: 'the highlight at Bob' });

    // Bob edits right before and right after the commented words.
    await bob.page.locator('.doc-body p').first().click();
    await bob.page.keyboard.press('Home');
    await bob.page.keyboard.type('Amended: ');
    await bob.page.keyboard.press('End');
    await bob.page.keyboard.press('ArrowLeft');
    await bob.page.keyboard.type(', measured at five years');
    const expected = 'Amended: The primary endpoint is overall survival, measured at five years.';
    for (const page of [alice.page, bob.page]) {
      await waitFor(async () => (await editorText(page)).includes(expected), { what: 'the edit on both pages' });
      expect(await anchoredText(page)).toEqual(['overall survival']);
    }

    // Alice resolves it; it leaves Bob's list of open threads and the highlight goes.
    await alice.page.locator('.thread', { hasText: 'Is this OS at five years?' }).getByRole('button', { name: 'Resolve' }).click();
    await bob.page.getByText('0 open').waitFor();
    await waitFor(async () => (await anchoredText(bob.page)).length === 0, { what: 'no highlight at Bob' });
    // The empty list says everything is resolved rather than that nobody commented.
    await bob.page.getByText('No open comments · 1 resolved').waitFor();
    await bob.page.getByLabel('Show resolved').check();
    await bob.page.locator('.thread.resolved', { hasText: 'Resolved by Alice Adeyemi' }).waitFor();

    expect([...alice.errors, ...bob.errors]).toEqual([]);
  });

  it('compares a named version with the current text and restores it', async () => {
    const alice = await person('Ana Alves', 'Europe/Lisbon');
    const { docId } = await groupWithDocument(alice.context, 'Grant budget');
    await open(alice.page, docId);
    await alice.page.locator('.doc-body').click();
    await alice.page.keyboard.type('We request 100000 euros over three years.');
    await alice.page.locator('.status[data-save="saved"]').waitFor();

    await alice.page.getByRole('tab', { name: 'History' }).click();
    await alice.page.getByLabel('Version name').fill('Submitted to funder');
    await alice.page.getByRole('button', { name: 'Save version' }).click();
    await alice.page.locator('.version', { hasText: 'Submitted to funder' }).waitFor();

    await alice.page.locator('.doc-body').click();
    await alice.page.keyboard.press('Control+End');
    await alice.page.keyboard.type(' Travel is extra.');
    await alice.page.locator('.status[data-save="saved"]').waitFor();

    const versionId = await alice.page.locator('select[aria-label="Compare from"] option', { hasText: 'Submitted to funder' }).getAttribute('value');
    await alice.page.getByLabel('Compare from').selectOption(versionId ?? '');
    await alice.page.getByLabel('Compare with').selectOption('current');
    // The comparison opens full-width over the document, not in the 320 px side panel.
    const overlay = alice.page.getByRole('dialog', { name: /^Compare Submitted to funder · .* → current text$/ });
    await waitFor(async () => {
      await alice.page.getByRole('button', { name: 'Compare', exact: true }).click();
      await overlay.locator('.comparison').waitFor();
      const found = (await overlay.locator('.comparison .diff-view ins').allInnerTexts()).join('').includes('Travel is extra.');
      if (!found) await overlay.getByRole('button', { name: 'Close' }).click();
      return found;
    }, { what: 'the insertion in the comparison' });
    expect((await overlay.boundingBox())?.width).toBeGreaterThan(1000);
    await alice.page.keyboard.press('Escape');
    await overlay.waitFor({ state: 'detached' });

    // Restoring asks in a styled dialog, never the browser's confirm().
    const nativeDialogs: string[] = [];
    alice.page.on('dialog', (dialog) => {
      nativeDialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await alice.page.locator('.version', { hasText: 'Submitted to funder' }).first().getByRole('button', { name: 'Restore' }).click();
    const confirm = alice.page.getByRole('alertdialog', { name: 'Restore this version?' });
    await confirm.getByRole('button', { name: 'Restore', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(nativeDialogs).toEqual([]);
    await waitFor(async () => (await editorText(alice.page)) === 'We request 100000 euros over three years.', { what: 'the restored text' });
    await alice.page.locator('.version', { hasText: 'Before restoring “Submitted to funder”' }).waitFor();
    expect(alice.errors).toEqual([]);
  });

  it('a section going over its word limit turns red, in the text and in the outline', async () => {
    const alice = await person('Aiko Arai', 'Asia/Tokyo');
    const { docId } = await groupWithDocument(alice.context, 'Specific aims');
    await open(alice.page, docId);
    await alice.page.locator('.doc-body').click();
    await alice.page.keyboard.type('## Aims');
    await alice.page.keyboard.press('Enter');
    await alice.page.keyboard.type('one two three');

    await alice.page.getByRole('tab', { name: 'Outline' }).click();
    const limit = alice.page.getByLabel('Word limit for Aims');
    await limit.fill('5');
    await limit.press('Enter');
    const heading = alice.page.locator('.doc-body h2');
    await waitFor(async () => (await heading.getAttribute('data-words')) === '3 / 5 words', { what: 'the count under the limit' });
    expect(await heading.getAttribute('class')).not.toContain('over-limit');

    await alice.page.locator('.doc-body p').last().click();
    await alice.page.keyboard.press('End');
    await alice.page.keyboard.type(' four five six');
    await waitFor(async () => (await heading.getAttribute('data-words')) === '6 / 5 words', { what: 'the count over the limit' });
    expect(await heading.getAttribute('class')).toContain('over-limit');
    expect(await heading.evaluate((h) => getComputedStyle(h).color)).toBe('rgb(179, 38, 30)');
    await alice.page.locator('.outline-item.over-limit', { hasText: 'Aims' }).waitFor();
    expect(alice.errors).toEqual([]);
  });
});
