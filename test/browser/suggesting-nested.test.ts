/**
 * A second reviewer deletes a word inside the first reviewer's suggested insertion, in Chromium against
 * a real server: nothing is refused, the word stays in the text under the second reviewer's deletion
 * (the first one's insertion kept), and the owner sees it struck through with the second reviewer's name.
 */
import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { browserTestsEnabled, collectErrors } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browser-suite.js';
import { suggestionsIn } from '../helpers/suggest.js';
import { waitFor } from '../helpers/wait.js';
import { editorText, PASSWORD } from './workspace-helpers.js';

async function post<T>(request: APIRequestContext, url: string, data: unknown): Promise<T> {
  const res = await request.post(url, { data });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Selects the first occurrence of `text` in the editor, and resolves once the editor has read the selection. */
async function selectText(page: Page, text: string): Promise<void> {
  await page.locator('.doc-body').evaluate((body, wanted) => {
    (body as HTMLElement).focus();
    const seen = new Promise<void>((resolve) => document.addEventListener('selectionchange', () => setTimeout(resolve, 0), { once: true }));
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return seen;
    }
    throw new Error(`"${wanted}" not in the editor`);
  }, text);
}

describe.skipIf(!browserTestsEnabled())('Deleting inside another reviewer’s suggestion, in Chromium', () => {
  const suite = browserSuite();
  let counter = 0;

  async function person(name: string): Promise<{ id: string; request: APIRequestContext; page: Page; errors: string[] }> {
    const context = await suite.context({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    counter += 1;
    const { user } = await post<{ user: { id: string } }>(context.request, `${suite.server.url}/api/auth/signup`, {
      name,
      email: `${name.split(' ')[0]?.toLowerCase()}-${counter}-${Date.now()}@example.org`,
      password: PASSWORD,
    });
    const page = await context.newPage();
    return { id: user.id, request: context.request, page, errors: collectErrors(page) };
  }

  async function open(page: Page, docId: string): Promise<void> {
    await page.goto(`${suite.server.url}/d/${docId}`);
    const body = page.locator('.doc-body');
    await waitFor(async () => (await body.getAttribute('contenteditable')) === 'true', { what: 'the editor is editable', timeoutMs: 30_000 });
  }

  async function serverSuggestions(docId: string) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await suite.server.hub.readDocument(docId));
    return suggestionsIn(doc).map((s) => ({ mark: s.mark, text: s.text, author: String(s.id).split('~')[0] }));
  }

  it('the second reviewer’s deletion of a word in the first one’s insertion is struck through with the second one’s name', async () => {
    const base = suite.server.url;
    const owner = await person('Olga Owner');
    const rui = await person('Rui Reviewer');
    const cem = await person('Cem Commenter');
    const { workspace } = await post<{ workspace: { id: string } }>(owner.request, `${base}/api/workspaces`, { name: 'Nested review' });
    for (const reviewer of [rui, cem]) {
      const { token } = await post<{ token: string }>(owner.request, `${base}/api/workspaces/${workspace.id}/invites`, { role: 'commenter' });
      await post(reviewer.request, `${base}/api/invites/${token}/accept`, {});
    }
    const { document } = await post<{ document: { id: string } }>(owner.request, `${base}/api/workspaces/${workspace.id}/documents`, { title: 'Protocol', template: 'blank' });

    // The owner writes the text in Editing mode.
    await open(owner.page, document.id);
    await owner.page.locator('.doc-body').click();
    await owner.page.keyboard.type('Patients are enrolled today.');
    await waitFor(async () => (await editorText(owner.page)).includes('enrolled today.'), { what: 'the owner’s text' });

    // Rui suggests "all adult " before "enrolled".
    await open(rui.page, document.id);
    await rui.page.locator('.doc-body p', { hasText: 'enrolled today.' }).waitFor();
    await selectText(rui.page, 'enrolled');
    await rui.page.keyboard.press('ArrowLeft');
    await rui.page.keyboard.type('all adult ');
    await waitFor(async () => (await serverSuggestions(document.id)).some((s) => s.text === 'all adult ' && s.author === rui.id), { what: 'Rui’s insertion on the server' });

    // Cem deletes "adult" inside it.
    await open(cem.page, document.id);
    await cem.page.locator('.doc-body ins', { hasText: 'all adult' }).waitFor();
    await selectText(cem.page, 'adult');
    await cem.page.keyboard.press('Backspace');
    await waitFor(async () => (await serverSuggestions(document.id)).some((s) => s.mark === 'deletion' && s.author === cem.id), { what: 'Cem’s deletion on the server' });
    // suggestionsIn starts a new entry where the mark before differs: Rui's insertion reads in two pieces around Cem's deletion.
    expect(await serverSuggestions(document.id)).toEqual([
      { mark: 'insertion', text: 'all adult', author: rui.id },
      { mark: 'deletion', text: 'adult', author: cem.id },
      { mark: 'insertion', text: ' ', author: rui.id },
    ]);
    expect(await cem.page.locator('.refused-notice').count()).toBe(0);
    expect(await editorText(cem.page)).toContain('all adult enrolled');

    // The owner sees the word struck through, named as Cem's deletion of Rui's text.
    const struck = owner.page.locator('.doc-body ins del', { hasText: 'adult' });
    await struck.waitFor();
    expect(await struck.evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('line-through');
    const title = () => owner.page.locator('.doc-body [data-suggestion]', { hasText: /^adult$/ }).first().getAttribute('title');
    await waitFor(async () => /by Cem Commenter/.test((await title()) ?? ''), { what: 'the deleter named in the text' });
    expect(await title()).toBe('Suggested deletion by Cem Commenter (of text suggested by Rui Reviewer)');
    expect([...owner.errors, ...rui.errors, ...cem.errors]).toEqual([]);
  }, 240_000);
});
