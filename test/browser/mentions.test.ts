/**
 * The comment composer's @mention picker in Chromium against a real server: the list narrows as you
 * type (name and email), never offers yourself, is driven with the keyboard, replaces the typed
 * "@query", and only picked mentions are highlighted (a comment starting "@Tom …" is not).
 */
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled, collectErrors } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browser-suite.js';
import { waitFor } from '../helpers/wait.js';
import { PASSWORD } from './workspace-helpers.js';

async function post<T>(request: APIRequestContext, url: string, data: unknown): Promise<T> {
  const res = await request.post(url, { data });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

describe.skipIf(!browserTestsEnabled())('mention picker in Chromium', () => {
  const suite = browserSuite();
  let counter = 0;

  async function person(name: string, mailbox: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const { server } = suite;
    const context = await suite.context({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    counter += 1;
    await post(context.request, `${server.url}/api/auth/signup`, { name, email: `${mailbox}-${counter}-${Date.now()}@example.org`, password: PASSWORD });
    const page = await context.newPage();
    return { context, page, errors: collectErrors(page) };
  }

  const options = (page: Page) => page.getByRole('listbox', { name: 'Mention someone' }).getByRole('option').allInnerTexts();

  it('narrows, skips yourself, works from the keyboard, replaces the typed text and highlights only picked mentions', async () => {
    const ada = await person('Ada Self', 'ada');
    const priya = await person('Dr. Priya Raman', 'priya');
    const tom = await person('Tom Baker', 'tbaker');
    const base = suite.server.url;
    const { workspace } = await post<{ workspace: { id: string } }>(ada.context.request, `${base}/api/workspaces`, { name: 'Sepsis study' });
    const { document } = await post<{ document: { id: string } }>(ada.context.request, `${base}/api/workspaces/${workspace.id}/documents`, { title: 'Protocol' });
    for (const guest of [priya, tom]) {
      const { token } = await post<{ token: string }>(ada.context.request, `${base}/api/workspaces/${workspace.id}/invites`, { role: 'editor' });
      await post(guest.context.request, `${base}/api/invites/${token}/accept`, {});
    }

    const page = ada.page;
    await page.goto(`${base}/d/${document.id}`);
    await page.locator('.status[data-connection="connected"]').waitFor();
    await page.locator('.doc-body').click();
    await page.keyboard.type('Lactate above two.');
    for (let i = 0; i < 'two.'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.getByRole('tab', { name: 'Comments' }).click();
    const composer = page.getByLabel('Comment on the selected text…');
    await composer.click();
    await page.keyboard.type('Please check, @');
    await waitFor(async () => (await options(page)).length === 2, { what: 'everyone but me offered' });
    const offered = (await options(page)).join('|');
    expect(offered).toContain('Dr. Priya Raman');
    expect(offered).toContain('Tom Baker');
    expect(offered).not.toContain('Ada Self');

    await page.keyboard.type('Pri');
    await waitFor(async () => (await options(page)).length === 1, { what: 'the list narrowed by name' });
    expect((await options(page))[0]).toContain('Dr. Priya Raman');
    await page.keyboard.press('Enter');
    expect(await composer.inputValue()).toBe('Please check, @Dr. Priya Raman ');
    expect(await page.getByRole('listbox', { name: 'Mention someone' }).count()).toBe(0);

    await page.keyboard.type('and @tbak');
    await waitFor(async () => (await options(page)).length === 1, { what: 'the list narrowed by email' });
    expect((await options(page))[0]).toContain('Tom Baker');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('listbox', { name: 'Mention someone' }).count()).toBe(0);
    for (let i = 0; i < 'tbak'.length; i++) await page.keyboard.press('Backspace');
    await waitFor(async () => (await options(page)).length === 2, { what: 'the list back after editing the query' });
    await page.keyboard.press('ArrowDown');
    const chosen = page.getByRole('listbox', { name: 'Mention someone' }).getByRole('option', { selected: true });
    await waitFor(async () => (await chosen.innerText()).includes('Tom Baker'), { what: 'ArrowDown moved to Tom' });
    await page.keyboard.press('Enter');
    expect(await composer.inputValue()).toBe('Please check, @Dr. Priya Raman and @Tom Baker ');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();

    const thread = page.locator('.thread', { hasText: 'Please check' });
    await thread.waitFor();
    expect(await thread.locator('mark.mention').allInnerTexts()).toEqual(['@Dr. Priya Raman', '@Tom Baker']);

    // Typed without picking anyone: plain text, not a mention, not highlighted.
    // Someone without access: the owner is offered the group's invite form instead.
    await thread.getByLabel('Reply…').click();
    await page.keyboard.type('@Zoltan');
    const invite = thread.getByRole('link', { name: 'Invite them to the group' });
    await invite.waitFor();
    expect(await invite.getAttribute('href')).toBe(`/w/${workspace.id}#invites-heading`);
    await thread.getByLabel('Reply…').fill('');
    await page.keyboard.type('@Tom is late with the samples');
    await thread.getByRole('button', { name: 'Reply', exact: true }).click();
    const reply = thread.locator('.thread-comments li', { hasText: 'is late with the samples' });
    await reply.waitFor();
    expect(await reply.locator('mark.mention').count()).toBe(0);
    expect(ada.errors).toEqual([]);

    // A link to the exact comment (as the inbox makes them) opens the panel on that thread and comment.
    const threadId = await thread.getAttribute('data-thread-id');
    const commentId = await reply.getAttribute('data-comment-id');
    await tom.page.goto(`${base}/d/${document.id}?thread=${threadId ?? ''}&comment=${commentId ?? ''}`);
    await tom.page.locator(`.thread.active[data-thread-id="${threadId ?? ''}"] li.linked[data-comment-id="${commentId ?? ''}"]`).waitFor();
  }, 120_000);

  it('"@" in the document body narrows, skips yourself and inserts a mention node with its own id', async () => {
    const ada = await person('Ada Self', 'ada');
    const priya = await person('Dr. Priya Raman', 'priya');
    const tom = await person('Tom Baker', 'tbaker');
    const base = suite.server.url;
    const { workspace } = await post<{ workspace: { id: string } }>(ada.context.request, `${base}/api/workspaces`, { name: 'Sepsis study' });
    const { document } = await post<{ document: { id: string } }>(ada.context.request, `${base}/api/workspaces/${workspace.id}/documents`, { title: 'Protocol' });
    for (const guest of [priya, tom]) {
      const { token } = await post<{ token: string }>(ada.context.request, `${base}/api/workspaces/${workspace.id}/invites`, { role: 'editor' });
      await post(guest.context.request, `${base}/api/invites/${token}/accept`, {});
    }
    const page = ada.page;
    await page.goto(`${base}/d/${document.id}`);
    await page.locator('.status[data-connection="connected"]').waitFor();
    await page.locator('.doc-body').click();
    await page.keyboard.type('Ask @');
    await waitFor(async () => (await options(page)).length === 2, { what: 'everyone but me offered in the text' });
    expect((await options(page)).join('|')).not.toContain('Ada Self');
    await page.keyboard.type('Pri');
    await waitFor(async () => (await options(page)).length === 1, { what: 'the list narrowed in the text' });
    await page.keyboard.press('Enter');
    const mention = page.locator('.doc-body .mention');
    await mention.waitFor();
    expect(await mention.innerText()).toBe('@Dr. Priya Raman');
    expect(await mention.getAttribute('data-mention-id')).toMatch(/^[0-9a-f]{20}$/);
    await page.keyboard.type('please.');
    expect(await page.locator('.doc-body p').first().innerText()).toBe('Ask @Dr. Priya Raman please.');

    await page.keyboard.type(' And @T');
    await waitFor(async () => (await options(page)).length === 1, { what: 'Tom offered' });
    await page.keyboard.press('Escape');
    await waitFor(async () => (await page.getByRole('listbox', { name: 'Mention someone' }).count()) === 0, { what: 'Escape closed the list' });
    expect(await page.locator('.doc-body .mention').count()).toBe(1);

    // A name that matches no one with access: the owner is offered to invite them, in the text too.
    await page.keyboard.type(' and @Zoltan');
    const invite = page.locator('.body-mention-invite', { hasText: 'No one with access matches “Zoltan”' });
    await invite.waitFor();
    const inviteLink = invite.getByRole('link', { name: 'Invite them to the group' });
    expect(await inviteLink.getAttribute('href')).toBe(`/w/${workspace.id}#invites-heading`);
    await page.keyboard.press('Escape');
    await invite.waitFor({ state: 'detached' });
    expect(ada.errors).toEqual([]);

    // A link to the mention (?mention=) selects it in the text for the person who follows it.
    const mentionId = (await mention.getAttribute('data-mention-id')) ?? '';
    await priya.page.goto(`${base}/d/${document.id}?mention=${mentionId}`);
    await priya.page.locator(`.doc-body .mention.ProseMirror-selectednode[data-mention-id="${mentionId}"]`).waitFor();
  }, 120_000);
});
