/**
 * Offline copies on a shared computer, in Chromium against a real server: signing out deletes every
 * IndexedDB copy of that person (after asking, when some changes are not on the server yet); a
 * session that ended elsewhere leaves only the copies holding unsaved changes, which their owner
 * saves by signing in again; another person's copies are untouched.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_FRAGMENT } from '../../shared/editor/extensions.js';
import { browserTestsEnabled, buildClient, collectErrors, launchBrowser, type ClientBuild } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { PASSWORD, editorText, typeAtEnd, unexpectedErrors } from './workspace-helpers.js';

interface Account {
  id: string;
  email: string;
  name: string;
  cookie: string;
}

describe.skipIf(!browserTestsEnabled())('offline copies on a shared computer', () => {
  let build: ClientBuild | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    build = await buildClient();
    browser = await launchBrowser();
    server = await startTestServer({ distDir: build.distDir });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    build?.dispose();
  });

  /** Calls the API from outside the browser (another device), as `account` when given. */
  async function api<T>(path: string, body: unknown, account?: Account): Promise<{ body: T; cookie: string }> {
    const headers: Record<string, string> = { origin: server?.url ?? '', 'content-type': 'application/json' };
    if (account) headers.cookie = account.cookie;
    const res = await fetch(`${server?.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    const cookie = /^confer_session=[^;]*/.exec(res.headers.getSetCookie().join('\n'))?.[0] ?? '';
    return { body: (res.status === 204 ? null : await res.json()) as T, cookie };
  }

  /** An account with one working group and the given documents, made from another device. */
  async function account(name: string, titles: string[]): Promise<Account & { docIds: string[] }> {
    const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}@example.org`;
    const signup = await api<{ user: { id: string } }>('/api/auth/signup', { name, email, password: PASSWORD });
    const me: Account = { id: signup.body.user.id, email, name, cookie: signup.cookie };
    const { workspace } = (await api<{ workspace: { id: string } }>('/api/workspaces', { name: `${name}'s group` }, me)).body;
    const docIds: string[] = [];
    for (const title of titles) {
      docIds.push((await api<{ document: { id: string } }>(`/api/workspaces/${workspace.id}/documents`, { title }, me)).body.document.id);
    }
    return { ...me, docIds };
  }

  /** The session this browser holds, as a cookie header for a request from elsewhere. */
  async function browserSession(context: BrowserContext, who: Account): Promise<Account> {
    const cookie = (await context.cookies()).find((c) => c.name === 'confer_session');
    if (!cookie) throw new Error('the browser holds no session');
    return { ...who, cookie: `confer_session=${cookie.value}` };
  }

  const copies = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('confer:')).sort());

  async function signIn(page: Page, who: Account): Promise<void> {
    await page.goto(`${server?.url}/signin`);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  async function writeAndSave(page: Page, docId: string, text: string): Promise<void> {
    await page.goto(`${server?.url}/d/${docId}`);
    await page.locator('.status[data-connection="connected"]').waitFor();
    await typeAtEnd(page, text);
    await waitFor(async () => (await editorText(page)).includes(text), { what: 'typed' });
    await page.locator('.status[data-connection="connected"][data-save="saved"]').waitFor();
  }

  const storedText = (docId: string) => server?.hub.registry.peek(docId)?.doc.getXmlFragment(DOCUMENT_FRAGMENT).toString() ?? '';

  it('sign-out leaves no copy of that person, warns first about unsaved changes, and spares the copy another person has not saved', async () => {
    if (!browser || !server) throw new Error('setup failed');
    const bob = await account('Bob Night Shift', ['Handover notes']);
    const alice = await account('Alice Day Shift', ['Ward protocol', 'Audit plan']);
    // One browser on the ward computer, used by both.
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectErrors(page);
    const dialogs: string[] = [];
    let answer: 'accept' | 'dismiss' = 'dismiss';
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void (answer === 'accept' ? dialog.accept() : dialog.dismiss());
    });
    const [handover] = bob.docIds;
    const [protocol, audit] = alice.docIds;
    if (!handover || !protocol || !audit) throw new Error('no documents');

    // Bob writes, then loses the network and keeps typing: that change is only in his local copy.
    await signIn(page, bob);
    await writeAndSave(page, handover, 'Bed 4 stable overnight.');
    await context.setOffline(true);
    await page.locator('.status[data-connection="offline"]').waitFor();
    await typeAtEnd(page, 'Bed 7 needs a review at 6.');
    await waitFor(async () => /kept on this device/.test(await page.locator('.status .status-text').innerText()), { what: 'offline change kept' });
    // His session ends elsewhere (signed out on another device) while this page is offline.
    await api('/api/auth/logout', {}, await browserSession(context, bob));
    await context.setOffline(false);
    await page.waitForURL(/\/signin/);
    // The copy with the unsaved change stays, and the sign-in page says whose it is.
    await page.getByRole('note').filter({ hasText: 'Bob Night Shift' }).waitFor();
    expect(await copies(page)).toEqual([`confer:${bob.id}:${handover}`]);

    // Alice signs in on the same browser and works on two documents; Bob's copy is not hers to touch.
    await signIn(page, alice);
    await writeAndSave(page, protocol, 'Hand hygiene before every contact.');
    await writeAndSave(page, audit, 'Audit every Monday.');
    expect(await copies(page)).toEqual([`confer:${alice.id}:${audit}`, `confer:${alice.id}:${protocol}`, `confer:${bob.id}:${handover}`].sort());

    // Everything of hers is on the server: signing out asks nothing and leaves none of her copies.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin/);
    await waitFor(async () => (await copies(page)).every((name) => !name.startsWith(`confer:${alice.id}:`)), { what: "Alice's copies deleted" });
    expect(dialogs).toEqual([]);
    expect(await copies(page)).toEqual([`confer:${bob.id}:${handover}`]);

    // Bob signs in again and opens his document: the change kept in his copy reaches the server.
    expect(storedText(handover)).not.toContain('Bed 7');
    await signIn(page, bob);
    await page.goto(`${server.url}/d/${handover}`);
    await page.locator('.status[data-connection="connected"][data-save="saved"]').waitFor();
    await waitFor(() => storedText(handover).includes('Bed 7 needs a review at 6.'), { what: 'kept change saved' });

    // Offline again with a new change: signing out warns, and "Cancel" keeps him signed in with his copy.
    await context.setOffline(true);
    await page.locator('.status[data-connection="offline"]').waitFor();
    await typeAtEnd(page, 'Family called at 5.');
    await waitFor(async () => /kept on this device/.test(await page.locator('.status .status-text').innerText()), { what: 'offline change kept' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitFor(() => dialogs.length === 1, { what: 'the warning' });
    expect(dialogs[0]).toContain('not saved on the server');
    expect(dialogs[0]).toContain('“Handover notes”');
    expect(page.url()).toContain(`/d/${handover}`);
    expect(await copies(page)).toEqual([`confer:${bob.id}:${handover}`]);

    // Confirmed: signed out, and no copy at all is left in this browser.
    answer = 'accept';
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin/);
    await waitFor(async () => (await copies(page)).length === 0, { what: "Bob's copies deleted" });
    expect(dialogs).toHaveLength(2);
    expect(await page.evaluate(() => localStorage.getItem('confer:local-copies'))).toBeNull();
    await context.setOffline(false);
    // What this story causes on purpose: the ended session's refused socket and API calls, and
    // requests (the final sign-out among them) made while the network is off.
    const caused = [/HTTP Authentication failed/, /status of 401 \(Unauthorized\)/, /Failed to load resource: net::ERR_INTERNET_DISCONNECTED/];
    expect(unexpectedErrors(errors).filter((e) => !caused.some((pattern) => pattern.test(e)))).toEqual([]);
    await context.close();
  }, 180_000);
});
