/**
 * Every main page at desktop width and at 375 px: nothing scrolls sideways on a phone, no console
 * errors, and a screenshot of each in screenshots/ (git-ignored) for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, buildClient, collectErrors, launchBrowser, type ClientBuild } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { PASSWORD, typeAtEnd } from './workspace-helpers.js';

const shots = path.resolve(import.meta.dirname, '..', '..', 'screenshots');

async function post<T>(request: APIRequestContext, url: string, data: unknown): Promise<T> {
  const res = await request.post(url, { data });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

describe.skipIf(!browserTestsEnabled())('main pages at desktop and phone widths', () => {
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

  it('render without sideways scrolling or console errors, and are saved as screenshots', async () => {
    if (!browser || !server) throw new Error('setup failed');
    fs.mkdirSync(shots, { recursive: true });
    const base = server.url;

    // Priya in Kolkata owns a group with a grant proposal; Sam in Denver is editing it with her.
    const priya = await browser.newContext({ timezoneId: 'Asia/Kolkata', viewport: { width: 1280, height: 900 } });
    const sam = await browser.newContext({ timezoneId: 'America/Denver' });
    await post(priya.request, `${base}/api/auth/signup`, { name: 'Priya Raman', email: 'priya@example.org', password: PASSWORD, timeZone: 'Asia/Kolkata' });
    await post(sam.request, `${base}/api/auth/signup`, { name: 'Sam Ortiz', email: 'sam@example.org', password: PASSWORD, timeZone: 'America/Denver' });
    await priya.request.patch(`${base}/api/me`, { data: { workingHours: { start: '09:00', end: '18:00' } } });
    const { workspace } = await post<{ workspace: { id: string } }>(priya.request, `${base}/api/workspaces`, { name: 'Tropical medicine working group' });
    const { token } = await post<{ token: string }>(priya.request, `${base}/api/workspaces/${workspace.id}/invites`, { role: 'editor' });
    await post(sam.request, `${base}/api/invites/${token}/accept`, {});
    // A used invitation only says it cannot be used: the visitor's screen shows a fresh one.
    const fresh = await post<{ token: string }>(priya.request, `${base}/api/workspaces/${workspace.id}/invites`, { role: 'commenter' });
    await post(priya.request, `${base}/api/workspaces/${workspace.id}/invites`, { role: 'viewer', email: 'reviewer@example.org' });
    const { document } = await post<{ document: { id: string } }>(priya.request, `${base}/api/workspaces/${workspace.id}/documents`, {
      title: 'Malaria vaccine trial: joint proposal',
      template: 'grant-proposal',
    });
    await post(priya.request, `${base}/api/workspaces/${workspace.id}/documents`, { title: 'Cold-chain protocol', template: 'protocol' });
    await post(priya.request, `${base}/api/workspaces/${workspace.id}/documents`, { title: 'Hand hygiene note', template: 'best-practice' });
    const samPage = await sam.newPage();
    await samPage.goto(`${base}/d/${document.id}`);
    await samPage.locator('.status[data-connection="connected"]').waitFor();
    await typeAtEnd(samPage, 'Sam: I will draft the methods section tonight.');

    const visitor = await browser.newContext({ timezoneId: 'Europe/Berlin' });
    const pages: { name: string; url: string; context: typeof priya; ready: (page: Page) => Promise<unknown> }[] = [
      { name: 'landing', url: '/', context: visitor, ready: (p) => p.getByRole('heading', { name: 'Write together' }).waitFor() },
      { name: 'signup', url: '/signup', context: visitor, ready: (p) => p.getByRole('heading', { name: 'Create your account' }).waitFor() },
      { name: 'invite', url: `/invite/${fresh.token}`, context: visitor, ready: (p) => p.getByRole('heading', { name: 'Join Tropical medicine working group' }).waitFor() },
      { name: 'groups', url: '/', context: priya, ready: (p) => p.getByRole('link', { name: 'Tropical medicine working group' }).waitFor() },
      { name: 'group-documents', url: `/w/${workspace.id}`, context: priya, ready: (p) => p.getByRole('link', { name: 'Hand hygiene note' }).waitFor() },
      { name: 'group-members', url: `/w/${workspace.id}?tab=members`, context: priya, ready: (p) => p.getByText('reviewer@example.org').waitFor() },
      {
        name: 'document',
        url: `/d/${document.id}`,
        context: priya,
        ready: async (p) => {
          await p.locator('.status[data-save="saved"], .status[data-save="unknown"]').waitFor();
          await p.locator('.presence-person', { hasText: 'Sam Ortiz' }).waitFor();
        },
      },
      { name: 'profile', url: '/profile', context: priya, ready: (p) => p.getByLabel('Time zone').waitFor() },
    ];

    for (const viewport of [{ width: 1280, height: 900, tag: 'desktop' }, { width: 375, height: 812, tag: '375' }]) {
      for (const entry of pages) {
        const page = await entry.context.newPage();
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        const errors = collectErrors(page);
        await page.goto(`${base}${entry.url}`);
        await entry.ready(page);
        const overflow = await page.evaluate(() => globalThis.document.documentElement.scrollWidth - globalThis.document.documentElement.clientWidth);
        expect(overflow, `${entry.name} at ${viewport.tag} scrolls sideways`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: path.join(shots, `${entry.name}-${viewport.tag}.png`), fullPage: viewport.tag === 'desktop' });
        if (entry.name === 'group-documents' && viewport.tag === 'desktop') {
          await page.getByRole('button', { name: 'New document' }).click();
          await page.getByRole('dialog').waitFor();
          await page.screenshot({ path: path.join(shots, 'template-dialog-desktop.png') });
        }
        expect(errors, `${entry.name} at ${viewport.tag}`).toEqual([]);
        await page.close();
      }
    }
    // Sam's typing reached the server while we looked around.
    await waitFor(() => server?.hub.registry.peek(document.id)?.doc.getXmlFragment('default').toString().includes('Sam: I will draft') ?? false, {
      what: "Sam's text stored",
    });
    for (const context of [priya, sam, visitor]) await context.close();
  }, 240_000);
});
