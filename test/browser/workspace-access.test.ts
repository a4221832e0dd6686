/**
 * Role and profile changes reach an open document page live, in Chromium against a real server: the
 * server closes the member's sockets with 4001, the page reconnects (saying "Reconnecting", never an
 * error), reads the role again and becomes editable or read-only without a reload.
 */
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, buildClient, launchBrowser, type ClientBuild } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { editorText, newPerson, PASSWORD, typeAtEnd, unexpectedErrors, type Person } from './workspace-helpers.js';

async function send<T>(request: APIRequestContext, method: 'post' | 'patch', url: string, data: unknown): Promise<T> {
  const res = await request[method](url, { data });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Records every value the status line's `data-connection` takes from now on, in the page. */
async function recordConnectionStates(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const status = document.querySelector('.status');
    const seen: string[] = [];
    (window as unknown as { connectionStates: string[] }).connectionStates = seen;
    new MutationObserver(() => seen.push(status?.getAttribute('data-connection') ?? '')).observe(status ?? document.body, {
      attributes: true,
      attributeFilter: ['data-connection'],
    });
  });
  return () => page.evaluate(() => (window as unknown as { connectionStates: string[] }).connectionStates);
}

describe.skipIf(!browserTestsEnabled())('live role and profile changes in Chromium', () => {
  let build: ClientBuild | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const people: Person[] = [];

  beforeAll(async () => {
    build = await buildClient();
    browser = await launchBrowser();
  }, 180_000);

  afterEach(async () => {
    for (const person of people.splice(0)) await person.context.close();
    await server?.dispose();
    server = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    build?.dispose();
  });

  it('an open page becomes editable when the owner promotes a viewer, read-only again on demotion, and a rename shows in presence', async () => {
    if (!build || !browser) throw new Error('setup failed');
    server = await startTestServer({ distDir: build.distDir });
    const base = server.url;
    const olga = await newPerson(browser, 'Olga Owner', 'Europe/Berlin');
    const vera = await newPerson(browser, 'Vera Viewer', 'America/New_York');
    people.push(olga, vera);
    await send(olga.context.request, 'post', `${base}/api/auth/signup`, { name: olga.name, email: olga.email, password: PASSWORD, timeZone: 'Europe/Berlin' });
    const { user: veraUser } = await send<{ user: { id: string } }>(vera.context.request, 'post', `${base}/api/auth/signup`, {
      name: vera.name,
      email: vera.email,
      password: PASSWORD,
      timeZone: 'America/New_York',
    });
    const { workspace } = await send<{ workspace: { id: string } }>(olga.context.request, 'post', `${base}/api/workspaces`, { name: 'Sepsis guideline group' });
    const { token } = await send<{ token: string }>(olga.context.request, 'post', `${base}/api/workspaces/${workspace.id}/invites`, { role: 'viewer' });
    await send(vera.context.request, 'post', `${base}/api/invites/${token}/accept`, {});
    const { document } = await send<{ document: { id: string } }>(olga.context.request, 'post', `${base}/api/workspaces/${workspace.id}/documents`, {
      title: 'Early antibiotics note',
      template: 'blank',
    });
    const setRole = (role: string) => send(olga.context.request, 'patch', `${base}/api/workspaces/${workspace.id}/members/${veraUser.id}`, { role });

    for (const person of [olga, vera]) {
      await person.page.goto(`${base}/d/${document.id}`);
      await person.page.locator('.status[data-connection="connected"]').waitFor();
    }
    await vera.page.getByText('Read only.').waitFor();
    expect(await vera.page.locator('.doc-body').getAttribute('contenteditable')).toBe('false');

    // Promoted while the page is open: it reconnects, reads the role again and lets Vera type.
    const states = await recordConnectionStates(vera.page);
    await setRole('editor');
    await vera.page.locator('.doc-body[contenteditable="true"]').waitFor();
    await vera.page.getByText('Read only.').waitFor({ state: 'detached' });
    await vera.page.locator('.status[data-connection="connected"]').waitFor();
    expect(await vera.page.getByRole('button', { name: 'Bold' }).isDisabled()).toBe(false);
    await typeAtEnd(vera.page, 'Vera: give antibiotics within one hour.');
    await waitFor(async () => (await editorText(olga.page)).includes('Vera: give antibiotics within one hour.'), { what: 'Vera’s edit at Olga’s' });
    await vera.page.locator('.status[data-save="saved"]').waitFor();
    const seen = await states();
    expect(seen).toContain('reconnecting');
    expect(seen.filter((state) => !['reconnecting', 'connecting', 'connected'].includes(state))).toEqual([]);

    // Demoted again: read-only without a reload.
    await setRole('viewer');
    await vera.page.getByText('Read only.').waitFor();
    await vera.page.locator('.doc-body[contenteditable="false"]').waitFor();
    await vera.page.locator('.status[data-connection="connected"]').waitFor();

    // A rename reaches Olga's presence list through Vera's reconnect, without Vera touching the page.
    await olga.page.locator('.presence-person', { hasText: 'Vera Viewer' }).waitFor();
    await send(vera.context.request, 'patch', `${base}/api/me`, { name: 'Vera Varga' });
    await olga.page.locator('.presence-person', { hasText: 'Vera Varga' }).waitFor();
    expect(await olga.page.locator('.presence-person', { hasText: 'Vera Viewer' }).count()).toBe(0);

    for (const person of people) expect(unexpectedErrors(person.errors), person.name).toEqual([]);
  }, 240_000);
});
