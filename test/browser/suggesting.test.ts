/**
 * Suggesting mode in Chromium against a real server: a commenter types at the start, in the middle and
 * at the end of every template, and nothing is refused. Each typed word reaches the server as an
 * insertion suggestion of theirs, and the owner sees it in the commenter's colour with their name.
 */
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readThreads } from '../../shared/comments/threads.js';
import { TEMPLATE_IDS } from '../../shared/templates/index.js';
import { browserTestsEnabled, buildClient, collectErrors, launchBrowser, type ClientBuild } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { blockSuggestionsOf, docToNode, suggestionsIn } from '../helpers/suggest.js';
import { waitFor } from '../helpers/wait.js';
import { editorText, PASSWORD } from './workspace-helpers.js';

async function post<T>(request: APIRequestContext, url: string, data: unknown): Promise<T> {
  const res = await request.post(url, { data });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

describe.skipIf(!browserTestsEnabled())('Suggesting mode in Chromium', () => {
  let build: ClientBuild | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  let counter = 0;

  beforeAll(async () => {
    build = await buildClient();
    browser = await launchBrowser();
    server = await startTestServer({ distDir: build.distDir });
  }, 180_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    build?.dispose();
  });

  async function person(name: string): Promise<{ id: string; request: APIRequestContext; page: Page; errors: string[] }> {
    if (!browser || !server) throw new Error('setup failed');
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    contexts.push(context);
    counter += 1;
    const { user } = await post<{ user: { id: string } }>(context.request, `${server.url}/api/auth/signup`, {
      name,
      email: `${name.split(' ')[0]?.toLowerCase()}-${counter}-${Date.now()}@example.org`,
      password: PASSWORD,
    });
    const page = await context.newPage();
    return { id: user.id, request: context.request, page, errors: collectErrors(page) };
  }

  async function serverSuggestions(docId: string) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await server?.hub.readDocument(docId)) ?? new Uint8Array());
    return suggestionsIn(doc);
  }

  it('a commenter types at the start, middle and end of every template, and nothing is refused', async () => {
    const base = server?.url ?? '';
    const owner = await person('Olga Owner');
    const cem = await person('Cem Commenter');
    const { workspace } = await post<{ workspace: { id: string } }>(owner.request, `${base}/api/workspaces`, { name: 'Review group' });
    const { token } = await post<{ token: string }>(owner.request, `${base}/api/workspaces/${workspace.id}/invites`, { role: 'commenter' });
    await post(cem.request, `${base}/api/invites/${token}/accept`, {});

    for (const template of TEMPLATE_IDS) {
      const { document } = await post<{ document: { id: string } }>(owner.request, `${base}/api/workspaces/${workspace.id}/documents`, { title: `Draft ${template}`, template });
      const page = cem.page;
      await page.goto(`${base}/d/${document.id}`);
      await page.getByRole('combobox', { name: 'Mode' }).waitFor();
      expect(await page.getByRole('combobox', { name: 'Mode' }).inputValue()).toBe('suggesting');
      const body = page.locator('.doc-body');
      await waitFor(async () => (await body.getAttribute('contenteditable')) === 'true', { what: `the ${template} editor is editable`, timeoutMs: 30_000 });
      await body.click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.type('Alpha ');
      const blocks = page.locator('.doc-body > *');
      const middle = Math.floor((await blocks.count()) / 2);
      await blocks.nth(middle).click();
      await page.keyboard.press('End');
      await page.keyboard.type(' Beta');
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' Gamma');

      const typed = ['Alpha ', ' Beta', ' Gamma'];
      await waitFor(
        async () => {
          const texts = (await serverSuggestions(document.id)).map((s) => s.text.replaceAll('\u200B', ''));
          return typed.every((word) => texts.some((text) => text.includes(word.trim())));
        },
        { what: `the commenter's three suggestions in ${template} on the server`, timeoutMs: 30_000 },
      );
      const suggestions = await serverSuggestions(document.id);
      for (const s of suggestions) {
        expect(s.mark).toBe('insertion');
        expect(String(s.id).startsWith(`${cem.id}~`)).toBe(true);
      }
      expect(await page.locator('.refused-notice').count()).toBe(0);
      expect(await page.locator('.status').innerText()).not.toMatch(/no longer have access|did not accept/i);
    }

    // The owner sees them in the commenter's colour, with the commenter's name.
    const last = owner.page;
    const { documents } = (await (await owner.request.get(`${base}/api/workspaces/${workspace.id}/documents`)).json()) as { documents: Array<{ id: string; title: string }> };
    const blank = documents.find((d) => d.title === 'Draft blank');
    await last.goto(`${base}/d/${blank?.id ?? ''}`);
    const inserted = last.locator('.doc-body ins').first();
    await inserted.waitFor();
    // The author's name arrives with the document's people, after the text: wait for it, then check it.
    const title = () => last.locator('.doc-body [data-suggestion]').first().getAttribute('title');
    await waitFor(async () => /by Cem Commenter/.test((await title()) ?? ''), { what: 'the suggester named in the text' });
    expect(await title()).toMatch(/Suggested insertion by Cem Commenter/);
    expect(cem.errors).toEqual([]);
  }, 240_000);

  it('history and catch-up show a commenter’s suggestion as a suggestion: in the Changes panel, in a compare and in a version’s view', async () => {
    const base = server?.url ?? '';
    const owner = await person('Olga Owner');
    const cem = await person('Cem Commenter');
    const { workspace } = await post<{ workspace: { id: string } }>(owner.request, `${base}/api/workspaces`, { name: 'History group' });
    const { token } = await post<{ token: string }>(owner.request, `${base}/api/workspaces/${workspace.id}/invites`, { role: 'commenter' });
    await post(cem.request, `${base}/api/invites/${token}/accept`, {});
    const { document } = await post<{ document: { id: string } }>(owner.request, `${base}/api/workspaces/${workspace.id}/documents`, { title: 'Reviewed protocol', template: 'protocol' });
    // The owner has seen the seeded text, and names it, before the commenter suggests anything.
    await post(owner.request, `${base}/api/documents/${document.id}/visit`, {});
    await post(owner.request, `${base}/api/documents/${document.id}/versions`, { name: 'Before review' });

    await cem.page.goto(`${base}/d/${document.id}`);
    const body = cem.page.locator('.doc-body');
    await waitFor(async () => (await body.getAttribute('contenteditable')) === 'true', { what: 'the commenter can suggest' });
    await body.click();
    await cem.page.keyboard.press('Control+Home');
    await cem.page.keyboard.type('Draft ');
    await waitFor(async () => (await serverSuggestions(document.id)).some((s) => s.text.includes('Draft')), { what: 'the suggestion on the server' });
    await post(owner.request, `${base}/api/documents/${document.id}/versions`, { name: 'With suggestion' });

    const page = owner.page;
    await page.goto(`${base}/d/${document.id}`);
    // Catch-up: a new suggestion by Cem, and no changed words.
    await page.getByRole('button', { name: '1 new suggestion since your last visit' }).click();
    const changes = page.getByRole('region', { name: 'Changes since your last visit' });
    await changes.getByLabel('New suggestions').getByText('Cem Commenter suggests to insert “Draft”').waitFor();
    await changes.getByText('no accepted changes.').waitFor();
    const inCatchUp = changes.locator('.diff-view ins.diff-suggest-insert', { hasText: 'Draft' });
    expect(await inCatchUp.getAttribute('title')).toBe('Suggested by Cem Commenter: inserted');

    // Compare: the suggestion is drawn as one, dashed in Cem's colour, and counts no words.
    await page.getByRole('tab', { name: 'History' }).click();
    const from = page.locator('select[aria-label="Compare from"] option', { hasText: 'Before review' });
    await from.waitFor({ state: 'attached' });
    await page.getByLabel('Compare from').selectOption((await from.getAttribute('value')) ?? '');
    await page.getByLabel('Compare with').selectOption('current');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const overlay = page.getByRole('dialog', { name: /^Compare Before review · .* → current text$/ });
    const suggested = overlay.locator('.diff-view ins.diff-suggest-insert', { hasText: 'Draft' });
    await suggested.waitFor();
    expect(await suggested.getAttribute('title')).toBe('Suggested by Cem Commenter: inserted');
    // Nothing reads as an accepted insertion (an empty trailing paragraph the editor adds aside).
    expect(await overlay.locator('.diff-view ins:not(.diff-suggestion)', { hasText: /\S/ }).count()).toBe(0);
    expect(await overlay.locator('.comparison > p.small-text').first().innerText()).toBe('+0 words −0 words');
    await overlay.getByLabel('New suggestions').getByText('Cem Commenter suggests to insert “Draft”').waitFor();
    const style = await suggested.evaluate((el) => getComputedStyle(el).textDecorationStyle);
    expect(style).toBe('dashed');
    await page.keyboard.press('Escape');
    await overlay.waitFor({ state: 'detached' });

    // A version's view keeps the suggestion mark, underlined, with its author on hover.
    await page.getByRole('button', { name: /^View With suggestion/ }).click();
    const view = page.getByRole('dialog', { name: /With suggestion.*\(read-only\)$/ });
    const mark = view.locator('.version-body ins', { hasText: 'Draft' });
    await mark.waitFor();
    expect(await view.locator('.version-body [data-suggestion]', { hasText: 'Draft' }).first().getAttribute('title')).toBe('Suggested insertion by Cem Commenter');
    expect(await mark.evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('underline');
    expect([...owner.errors, ...cem.errors]).toEqual([]);
  }, 240_000);

  /**
   * Selects the first occurrence of `text` in the editor, as a mouse drag would, and resolves once the
   * editor has read the new selection (its selectionchange handler, registered before ours, has run).
   */
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

  it('the whole loop: a commenter suggests an insertion, a deletion and a formatting change; the editor sees them live, accepts one, rejects one, replies to the third; a reload keeps it', async () => {
    const base = server?.url ?? '';
    const owner = await person('Olga Owner');
    const cem = await person('Cem Commenter');
    const { workspace } = await post<{ workspace: { id: string } }>(owner.request, `${base}/api/workspaces`, { name: 'Loop group' });
    const { token } = await post<{ token: string }>(owner.request, `${base}/api/workspaces/${workspace.id}/invites`, { role: 'commenter' });
    await post(cem.request, `${base}/api/invites/${token}/accept`, {});
    const { document } = await post<{ document: { id: string } }>(owner.request, `${base}/api/workspaces/${workspace.id}/documents`, { title: 'Loop' });

    await owner.page.goto(`${base}/d/${document.id}`);
    const ownerBody = owner.page.locator('.doc-body');
    await waitFor(async () => (await ownerBody.getAttribute('contenteditable')) === 'true', { what: 'the owner can type' });
    expect(await owner.page.getByRole('combobox', { name: 'Mode' }).inputValue()).toBe('editing');
    await ownerBody.click();
    await owner.page.keyboard.type('Patients are enrolled within 24 hours.');

    await cem.page.goto(`${base}/d/${document.id}`);
    const body = cem.page.locator('.doc-body');
    await waitFor(async () => (await body.innerText()).includes('24 hours'), { what: 'the commenter sees the text' });
    await waitFor(async () => (await body.getAttribute('contenteditable')) === 'true', { what: 'the commenter can suggest' });
    await body.click();
    await selectText(cem.page, 'enrolled');
    await cem.page.keyboard.press('Control+b');
    await selectText(cem.page, 'hours.');
    await cem.page.keyboard.press('End');
    await cem.page.keyboard.type(' Soon');
    await selectText(cem.page, '24 ');
    await cem.page.keyboard.press('Backspace');

    // Live at the editor, with the commenter's name.
    await owner.page.locator('.doc-body ins', { hasText: 'Soon' }).waitFor();
    await owner.page.locator('.doc-body del', { hasText: '24' }).waitFor();
    // Formatting as a suggestion: the plain word marked deleted, the bold one inserted.
    await owner.page.locator('.doc-body strong', { hasText: 'enrolled' }).waitFor();
    await owner.page.locator('.doc-body ins', { hasText: 'enrolled' }).waitFor();
    await owner.page.locator('.doc-body del', { hasText: 'enrolled' }).waitFor();
    await owner.page.locator('.doc-body ins', { hasText: 'Soon' }).hover();
    const card = owner.page.getByRole('dialog', { name: 'Suggestion' });
    await card.getByText('Suggested insertion by Cem Commenter').waitFor();
    await card.getByRole('button', { name: 'Accept' }).click();
    await owner.page.locator('.doc-body del', { hasText: '24' }).hover();
    await card.getByText('Suggested deletion by Cem Commenter').waitFor();
    await card.getByRole('button', { name: 'Reject' }).click();

    // A reply to the third, in the review panel: a comments thread keyed by the suggestion's id.
    await owner.page.getByRole('tab', { name: 'Suggestions' }).click();
    const item = owner.page.locator('.suggestion-item', { hasText: 'enrolled' }).first();
    await item.getByLabel('Reply to this suggestion').fill('Why bold here?');
    await item.getByRole('button', { name: 'Reply' }).click();
    await item.getByText('Why bold here?').waitFor();

    const settled = async () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, (await server?.hub.readDocument(document.id)) ?? new Uint8Array());
      return suggestionsIn(doc);
    };
    await waitFor(async () => (await settled()).every((s) => s.text.includes('enrolled')), { what: 'accept and reject on the server' });
    await owner.page.reload();
    await owner.page.locator('.doc-body strong', { hasText: 'enrolled' }).waitFor();
    await owner.page.locator('.doc-body ins', { hasText: 'enrolled' }).waitFor();
    expect(await editorText(owner.page)).toContain('within 24 hours. Soon');
    expect(await owner.page.locator('.doc-body ins', { hasText: 'Soon' }).count()).toBe(0);
    expect(await owner.page.locator('.doc-body del', { hasText: '24' }).count()).toBe(0);
    const left = await settled();
    expect(left.map((s) => s.mark).sort()).toEqual(['deletion', 'insertion']);
    for (const s of left) expect(String(s.id).startsWith(`${cem.id}~`)).toBe(true);
    const comments = new Y.Doc();
    Y.applyUpdate(comments, (await server?.hub.readDocument(`${document.id}--comments`)) ?? new Uint8Array());
    const threads = readThreads(comments);
    expect(threads.map((t) => [t.id, t.comments.map((c) => c.body)])).toEqual([[`suggestion-${String(left[0]?.id)}`, ['Why bold here?']]]);
    await owner.page.getByRole('tab', { name: 'Suggestions' }).click();
    await owner.page.locator('.suggestion-item', { hasText: 'enrolled' }).getByText('Why bold here?').waitFor();
    expect(await cem.page.locator('.refused-notice').count()).toBe(0);

    // The card's time is the server's record of the suggestion's first commit.
    const recorded = (await (await owner.request.get(`${base}/api/documents/${document.id}/suggestions`)).json()) as { suggestions: Array<{ id: string; at: number }> };
    const enrolledAt = recorded.suggestions.find((s) => s.id === String(left.find((l) => l.mark === 'insertion')?.id))?.at;
    expect(enrolledAt).toEqual(expect.any(Number));
    await owner.page.locator('.doc-body ins', { hasText: 'enrolled' }).hover();
    const when = card.locator('time.when');
    await when.waitFor();
    expect(await when.getAttribute('datetime')).toBe(new Date(enrolledAt ?? 0).toISOString());

    // The review filter: a plain comment beside the suggestions, shown by Comments and Both only;
    // a suggestion's own reply thread stays under its suggestion.
    await selectText(owner.page, 'Patients');
    await owner.page.getByRole('tab', { name: 'Comments' }).click();
    await owner.page.getByLabel('Comment on the selected text…').click();
    await owner.page.keyboard.type('Which patients?');
    await owner.page.getByRole('button', { name: 'Comment', exact: true }).click();
    await owner.page.locator('.thread', { hasText: 'Which patients?' }).waitFor();
    await owner.page.getByRole('tab', { name: 'Suggestions' }).click();
    const review = owner.page.getByRole('tabpanel');
    const show = review.getByLabel('Show', { exact: true });
    expect(await show.inputValue()).toBe('suggestions');
    await review.locator('.suggestion-item', { hasText: 'enrolled' }).waitFor();
    expect(await review.locator('.thread').count()).toBe(0);
    await show.selectOption('comments');
    await review.locator('.thread', { hasText: 'Which patients?' }).waitFor();
    expect(await review.locator('.suggestion-item').count()).toBe(0);
    expect(await review.locator('.thread', { hasText: 'Why bold here?' }).count()).toBe(0);
    await show.selectOption('both');
    await review.locator('.suggestion-item', { hasText: 'enrolled' }).waitFor();
    await review.locator('.thread', { hasText: 'Which patients?' }).waitFor();
    expect(await review.locator('.thread').count()).toBe(1);
  }, 240_000);

  /** Pastes `html` at the caret of the editor, as the clipboard would. */
  async function pasteHtml(page: Page, html: string): Promise<void> {
    await page.locator('.doc-body').evaluate((body, markup) => {
      const data = new DataTransfer();
      data.setData('text/html', markup);
      data.setData('text/plain', markup.replace(/<[^>]+>/g, ''));
      body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, html);
  }

  it('whole blocks: a commenter pastes two paragraphs and makes a heading; the editor accepts one and rejects the other; a reload keeps it; the commenter’s Ctrl+Z afterwards changes nothing', async () => {
    const base = server?.url ?? '';
    const owner = await person('Olga Owner');
    const cem = await person('Cem Commenter');
    const { workspace } = await post<{ workspace: { id: string } }>(owner.request, `${base}/api/workspaces`, { name: 'Blocks group' });
    const { token } = await post<{ token: string }>(owner.request, `${base}/api/workspaces/${workspace.id}/invites`, { role: 'commenter' });
    await post(cem.request, `${base}/api/invites/${token}/accept`, {});
    const { document } = await post<{ document: { id: string } }>(owner.request, `${base}/api/workspaces/${workspace.id}/documents`, { title: 'Blocks' });

    await owner.page.goto(`${base}/d/${document.id}`);
    const ownerBody = owner.page.locator('.doc-body');
    await waitFor(async () => (await ownerBody.getAttribute('contenteditable')) === 'true', { what: 'the owner can type' });
    await ownerBody.click();
    await owner.page.keyboard.type('Patients are enrolled within 24 hours.');
    await owner.page.keyboard.press('Enter');
    await owner.page.keyboard.type('Outcomes');

    await cem.page.goto(`${base}/d/${document.id}`);
    const body = cem.page.locator('.doc-body');
    await waitFor(async () => (await body.innerText()).includes('Outcomes'), { what: 'the commenter sees the text' });
    await waitFor(async () => (await body.getAttribute('contenteditable')) === 'true', { what: 'the commenter can suggest' });
    await selectText(cem.page, '24 hours.');
    await cem.page.keyboard.press('End');
    await pasteHtml(cem.page, '<p>Adults only.</p><p>Consent is written.</p>');
    await selectText(cem.page, 'Outcomes');
    await cem.page.keyboard.press('Control+Alt+2');

    // Live at the editor: the pasted paragraph and the heading, each a suggestion of Cem's.
    const pastedBlock = owner.page.locator('.doc-body p[data-block-suggestion="insertion"]', { hasText: 'Consent is written.' });
    await pastedBlock.waitFor();
    await owner.page.locator('.doc-body ins', { hasText: 'Adults only.' }).waitFor();
    const heading = owner.page.locator('.doc-body h2[data-block-suggestion="type"]', { hasText: 'Outcomes' });
    await heading.waitFor();
    await heading.hover();
    const card = owner.page.getByRole('dialog', { name: 'Suggestion' });
    await card.getByText('Suggested change by Cem Commenter').waitFor();
    await card.getByRole('button', { name: 'Reject' }).click();
    await owner.page.locator('.doc-body p', { hasText: 'Outcomes' }).waitFor();
    await owner.page.getByRole('tab', { name: 'Suggestions' }).click();
    const item = owner.page.locator('.suggestion-item', { hasText: 'inserted block' }).first();
    await item.getByRole('button', { name: 'Accept', exact: true }).click();

    const settled = async () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, (await server?.hub.readDocument(document.id)) ?? new Uint8Array());
      return { suggestions: suggestionsIn(doc), blocks: blockSuggestionsOf(doc), text: docToNode(doc).textBetween(0, docToNode(doc).content.size, '\n') };
    };
    await waitFor(async () => {
      const now = await settled();
      return now.suggestions.length === 0 && now.blocks.length === 0 && now.text.includes('Consent is written.');
    }, { what: 'the accept and the reject on the server' });
    // (The owner's editor keeps an empty paragraph at the end.)
    expect((await settled()).text.trimEnd()).toBe('Patients are enrolled within 24 hours.Adults only.\nConsent is written.\nOutcomes');
    await owner.page.reload();
    await owner.page.locator('.doc-body p', { hasText: 'Consent is written.' }).waitFor();
    expect(await owner.page.locator('.doc-body [data-block-suggestion]').count()).toBe(0);
    expect(await owner.page.locator('.doc-body h2').count()).toBe(0);
    expect(await editorText(owner.page)).toContain('Adults only.');

    // Cem's undo would now take back text that is no longer a suggestion: nothing happens, nothing is refused.
    await body.click();
    await cem.page.keyboard.press('Control+z');
    await cem.page.keyboard.press('Control+z');
    await cem.page.getByText('That change cannot be a suggestion').waitFor();
    // Proof the socket still works: a later suggestion of Cem's reaches the server.
    await selectText(cem.page, 'Outcomes');
    await cem.page.keyboard.press('End');
    await cem.page.keyboard.type(' later');
    await waitFor(async () => (await settled()).suggestions.some((s) => s.text.includes('later')), { what: 'a later suggestion on the server' });
    expect((await settled()).text).toContain('Adults only.\nConsent is written.\nOutcomes');
    expect(await cem.page.locator('.refused-notice').count()).toBe(0);
    expect([...owner.errors, ...cem.errors]).toEqual([]);
  }, 240_000);
});
