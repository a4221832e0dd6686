/**
 * The bell across time zones and nodes, in Chromium: Alice (Asia/Kolkata) on one server node mentions
 * Bob (Europe/London) in the text and in a comment; Bob's open page, served by another node on the same
 * PostgreSQL and Redis, shows his bell count change at once; his inbox says who, what and where, links
 * to the exact place, and marks read one entry and then all. Alice also assigns him the thread.
 */
import { randomBytes } from 'node:crypto';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { browserTestsEnabled, buildClient, collectErrors, launchBrowser, type ClientBuild } from '../helpers/browser.js';
import { createTestSchema, describeWithPostgres, type TestSchema } from '../helpers/postgres.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { PASSWORD } from './workspace-helpers.js';

async function post<T>(request: APIRequestContext, url: string, data: unknown): Promise<T> {
  const res = await request.post(url, { data });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

const enabled = browserTestsEnabled();

describeWithPostgres('the inbox across nodes and time zones (Chromium, PostgreSQL + Redis)', (databaseUrl) => {
  let build: ClientBuild | undefined;
  let browser: Browser | undefined;
  let schema: TestSchema | undefined;
  const nodes: TestServer[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!enabled) return;
    const redisUrl = process.env.REDIS_URL;
    if (!redisUrl) throw new Error('REDIS_URL is not set: the two-node inbox test needs Redis');
    build = await buildClient();
    browser = await launchBrowser();
    schema = await createTestSchema(databaseUrl);
    const env = { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema.name, REDIS_URL: redisUrl, REDIS_PREFIX: `confer-test-${randomBytes(4).toString('hex')}:` };
    nodes.push(await startTestServer({ distDir: build.distDir, env }));
    nodes.push(await startTestServer({ distDir: build.distDir, env }));
  }, 180_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    for (const node of nodes.splice(0)) await node.dispose();
    await schema?.drop();
    build?.dispose();
  });

  async function person(node: TestServer, name: string, timeZone: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    if (!browser) throw new Error('setup failed');
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB', timezoneId: timeZone });
    contexts.push(context);
    const email = `${name.split(' ')[0]!.toLowerCase()}-${randomBytes(3).toString('hex')}@example.org`;
    await post(context.request, `${node.url}/api/auth/signup`, { name, email, password: PASSWORD, timeZone });
    const page = await context.newPage();
    return { context, page, errors: collectErrors(page) };
  }

  const options = (page: Page) => page.getByRole('listbox', { name: 'Mention someone' }).getByRole('option').allInnerTexts();

  it.skipIf(!enabled)('Bob’s bell on another node counts Alice’s mentions at once, and he marks them read', async () => {
    const [nodeA, nodeB] = nodes as [TestServer, TestServer];
    const alice = await person(nodeA, 'Alice Iyer', 'Asia/Kolkata');
    const bob = await person(nodeB, 'Bob Hughes', 'Europe/London');
    const { workspace } = await post<{ workspace: { id: string } }>(alice.context.request, `${nodeA.url}/api/workspaces`, { name: 'Sepsis study' });
    const { document } = await post<{ document: { id: string } }>(alice.context.request, `${nodeA.url}/api/workspaces/${workspace.id}/documents`, { title: 'Protocol' });
    const { token } = await post<{ token: string }>(alice.context.request, `${nodeA.url}/api/workspaces/${workspace.id}/invites`, { role: 'editor' });
    await post(bob.context.request, `${nodeB.url}/api/invites/${token}/accept`, {});

    // Bob has the document open on node B.
    await bob.page.goto(`${nodeB.url}/d/${document.id}`);
    await bob.page.locator('.status[data-connection="connected"]').waitFor();
    const bell = bob.page.locator('.bell-button');
    await bob.page.locator('.bell-button[data-unread="0"]').waitFor();
    expect(await bell.getAttribute('aria-label')).toBe('Notifications, none unread');

    // Alice, on node A, mentions him in the text.
    const page = alice.page;
    await page.goto(`${nodeA.url}/d/${document.id}`);
    await page.locator('.status[data-connection="connected"]').waitFor();
    await page.locator('.doc-body').click();
    await page.keyboard.type('Dose check by @Bo');
    await waitFor(async () => (await options(page)).length === 1, { what: 'Bob offered in the text' });
    await page.keyboard.press('Enter');
    await page.locator('.doc-body .mention').waitFor();
    await page.keyboard.type('before Monday.');
    await waitFor(async () => (await bell.getAttribute('aria-label')) === 'Notifications, 1 unread', { what: "Bob's bell after the mention in the text" });
    expect(await bob.page.locator('.bell-count').innerText()).toBe('1');

    // ...and in a comment on that sentence.
    for (let i = 0; i < 'Monday.'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.getByRole('tab', { name: 'Comments' }).click();
    await page.getByLabel('Comment on the selected text…').click();
    await page.keyboard.type('Can you confirm, @Bo');
    await waitFor(async () => (await options(page)).length === 1, { what: 'Bob offered in the comment' });
    await page.keyboard.press('Enter');
    await page.keyboard.type('?');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await waitFor(async () => (await bell.getAttribute('aria-label')) === 'Notifications, 2 unread', { what: "Bob's bell after the comment" });

    // She assigns the thread to him.
    await page.locator('.thread', { hasText: 'Can you confirm' }).getByLabel('Assign to').selectOption({ label: 'Bob Hughes' });
    await waitFor(async () => (await bell.getAttribute('aria-label')) === 'Notifications, 3 unread', { what: "Bob's bell after the assignment" });

    // His inbox: who, what, where, the excerpt, and links to the exact places.
    await bell.click();
    const entries = bob.page.locator('.inbox-entry');
    await waitFor(async () => (await entries.count()) === 3, { what: 'three entries in the inbox' });
    const assigned = entries.filter({ hasText: 'assigned a comment to you' });
    expect(await assigned.locator('.inbox-headline').innerText()).toBe('Alice Iyer assigned a comment to you');
    expect(await assigned.locator('a.inbox-headline').getAttribute('href')).toMatch(new RegExp(`^/d/${document.id}\\?thread=[^&]+$`));
    const comment = entries.filter({ hasText: 'Can you confirm' }).filter({ hasText: 'mentioned you' });
    const text = entries.filter({ hasText: 'Dose check by' });
    expect(await comment.locator('.inbox-headline').innerText()).toBe('Alice Iyer mentioned you');
    expect(await comment.innerText()).toContain('in Protocol');
    // The excerpt is the sentence as it stood when the mention was committed (Alice kept typing after it).
    expect(await text.locator('.inbox-excerpt').innerText()).toMatch(/^Dose check by @Bob Hughes/);
    expect(await comment.locator('.inbox-excerpt').innerText()).toBe('Can you confirm, @Bob Hughes ?');
    expect(await text.locator('a.inbox-headline').getAttribute('href')).toMatch(new RegExp(`^/d/${document.id}\\?mention=[0-9a-f]{20}$`));
    expect(await comment.locator('a.inbox-headline').getAttribute('href')).toMatch(new RegExp(`^/d/${document.id}\\?thread=[^&]+&comment=.+$`));

    // Opening the mention in the text (the document he has open): it is selected there, and read.
    const mentionHref = (await text.locator('a.inbox-headline').getAttribute('href')) ?? '';
    await text.locator('a.inbox-headline').click();
    await bob.page.waitForURL((url) => url.pathname + url.search === mentionHref);
    await bob.page.locator(`.doc-body .mention.ProseMirror-selectednode[data-mention-id="${mentionHref.split('=')[1] ?? ''}"]`).waitFor();
    await bob.page.locator('.bell-button[data-unread="2"]').waitFor();
    await bell.click();
    await entries.filter({ hasText: 'assigned a comment to you' }).getByRole('button', { name: /^Mark read/ }).click();
    await waitFor(async () => (await bell.getAttribute('aria-label')) === 'Notifications, 1 unread', { what: 'one more read' });
    await bob.page.getByRole('button', { name: 'Mark all read' }).click();
    await waitFor(async () => (await bell.getAttribute('aria-label')) === 'Notifications, none unread', { what: 'all read' });

    // The server agrees, on either node: a fresh page starts at none unread.
    await bob.page.reload();
    await bob.page.locator('.bell-button[data-unread="0"]').waitFor();
    expect(await bob.page.locator('.bell-count').count()).toBe(0);

    // His preferences, in the profile: mentions in the app only, no digest; kept after a reload.
    await bob.page.goto(`${nodeB.url}/profile`);
    const mentions = bob.page.getByLabel('Someone mentions you');
    await mentions.selectOption('in-app');
    await bob.page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await bob.page.getByRole('checkbox', { name: /Daily digest by email/ }).uncheck();
    await waitFor(async () => {
      const res = await bob.context.request.get(`${nodeA.url}/api/notifications/preferences`);
      const prefs = (await res.json()) as { kinds: Record<string, string>; digest: boolean };
      return prefs.kinds.mention === 'in-app' && !prefs.digest && prefs.kinds.reply === 'email';
    }, { what: 'the preferences saved' });
    await bob.page.reload();
    await waitFor(async () => (await bob.page.getByLabel('Someone mentions you').inputValue()) === 'in-app', { what: 'the choice shown after a reload' });
    expect(await bob.page.getByRole('checkbox', { name: /Daily digest by email/ }).isChecked()).toBe(false);
    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  }, 180_000);
});
