/**
 * Issue 19, items 10 and 11, in Chromium against a real server. Dark mode follows the system, and a
 * switch (System, Light, Dark) overrides it and is remembered; a viewer gets no greyed-out formatting
 * toolbar. axe-core finds no serious or critical WCAG 2.1 A/AA violation on the main pages (sign-in,
 * working groups, a group, a document with each of its panels, profile), in both themes.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled, collectErrors } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browser-suite.js';
import { waitFor } from '../helpers/wait.js';
import { PASSWORD } from './workspace-helpers.js';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What axe reports of one violation, enough to find and fix it. */
interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

async function post<T>(request: APIRequestContext, url: string, data: unknown): Promise<T> {
  const res = await request.post(url, { data });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Runs axe-core in the page (WCAG 2.0/2.1, levels A and AA) and returns its serious and critical findings. */
async function seriousViolations(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const findings = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

describe.skipIf(!browserTestsEnabled())('dark mode and accessibility (issue 19, items 10 and 11)', () => {
  const suite = browserSuite();

  const base = () => suite.server.url;

  /** A browser context in the given system colour scheme; CSP is bypassed only so that axe can be injected. */
  async function visitor(colorScheme: 'light' | 'dark'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await suite.context({ viewport: { width: 1280, height: 800 }, colorScheme, timezoneId: 'Europe/Paris', locale: 'en-GB', bypassCSP: true });
    const page = await context.newPage();
    return { context, page, errors: collectErrors(page) };
  }

  async function signUp(context: BrowserContext, name: string): Promise<{ id: string }> {
    const { user } = await post<{ user: { id: string } }>(context.request, `${base()}/api/auth/signup`, {
      name,
      email: `a11y-${Date.now()}-${Math.random()}@example.org`,
      password: PASSWORD,
    });
    return user;
  }

  const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);
  const canvas = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

  it('follows the system, and the switch overrides it and is remembered', async () => {
    const { context, page, errors } = await visitor('dark');
    await signUp(context, 'Dana Dark');
    await page.goto(`${base()}/profile`);
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    expect(await theme(page)).toBe('dark');
    expect(await canvas(page)).toBe('rgb(18, 22, 28)');
    expect(await page.getByRole('radio', { name: 'System' }).isChecked()).toBe(true);

    // The system turns light: so does the page.
    await page.emulateMedia({ colorScheme: 'light' });
    await waitFor(async () => (await theme(page)) === 'light', { what: 'the light theme' });
    expect(await canvas(page)).toBe('rgb(245, 246, 248)');

    // Dark, chosen: it stays dark whatever the system says, and after a reload.
    await page.getByRole('radio', { name: 'Dark' }).check();
    expect(await theme(page)).toBe('dark');
    await page.reload();
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    expect(await theme(page)).toBe('dark');
    expect(await page.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);

    // Light, chosen, with the system dark; then System again follows the system.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('radio', { name: 'Light' }).check();
    expect(await theme(page)).toBe('light');
    await page.getByRole('radio', { name: 'System' }).check();
    expect(await theme(page)).toBe('dark');
    expect(errors).toEqual([]);
  });

  it('shows a viewer no formatting toolbar, only the document’s tools', async () => {
    const owner = await visitor('light');
    const viewer = await visitor('light');
    await signUp(owner.context, 'Omar Owner');
    await signUp(viewer.context, 'Vic Viewer');
    const { workspace } = await post<{ workspace: { id: string } }>(owner.context.request, `${base()}/api/workspaces`, { name: 'Viewers group' });
    const { document } = await post<{ document: { id: string } }>(owner.context.request, `${base()}/api/workspaces/${workspace.id}/documents`, { title: 'Read me', template: 'blank' });
    const { token } = await post<{ token: string }>(owner.context.request, `${base()}/api/workspaces/${workspace.id}/invites`, { role: 'viewer' });
    await post(viewer.context.request, `${base()}/api/invites/${token}/accept`, {});

    await viewer.page.goto(`${base()}/d/${document.id}`);
    await viewer.page.locator('.status[data-connection="connected"]').waitFor();
    await viewer.page.getByText('Read only.').waitFor();
    const tools = viewer.page.getByRole('toolbar', { name: 'Document actions' });
    await tools.locator('summary', { hasText: 'Export' }).waitFor();
    expect(await viewer.page.getByRole('toolbar', { name: 'Formatting' }).count()).toBe(0);
    for (const name of ['Bold', 'Undo', 'Insert table', 'More']) expect(await viewer.page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    expect(await viewer.page.getByLabel('Text style').count()).toBe(0);

    // The owner keeps the full toolbar.
    await owner.page.goto(`${base()}/d/${document.id}`);
    await owner.page.locator('.status[data-connection="connected"]').waitFor();
    expect(await owner.page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Bold' }).isEnabled()).toBe(true);
    expect([...owner.errors, ...viewer.errors]).toEqual([]);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`finds no serious or critical WCAG 2.1 AA violation on the main pages (${scheme})`, async () => {
      const { context, page, errors } = await visitor(scheme);
      const found: Record<string, Finding[]> = {};
      const check = async (where: string) => {
        expect(await theme(page)).toBe(scheme);
        const violations = await seriousViolations(page);
        if (violations.length > 0) found[where] = violations;
      };

      await page.goto(`${base()}/signin`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await check('sign-in');

      await signUp(context, 'Ada Access');
      const { workspace } = await post<{ workspace: { id: string } }>(context.request, `${base()}/api/workspaces`, { name: 'Accessible group' });
      const { document } = await post<{ document: { id: string } }>(context.request, `${base()}/api/workspaces/${workspace.id}/documents`, { title: 'Accessible protocol', template: 'grant-proposal' });

      await page.goto(`${base()}/`);
      await page.getByRole('heading', { name: 'Working groups' }).waitFor();
      await page.getByRole('link', { name: 'Accessible group' }).waitFor();
      await check('working groups');

      await page.goto(`${base()}/w/${workspace.id}`);
      await page.getByRole('link', { name: 'Accessible protocol' }).waitFor();
      await check('a group');

      await page.goto(`${base()}/d/${document.id}`);
      await page.locator('.status[data-connection="connected"]').waitFor();
      await page.locator('.doc-body h1').waitFor();
      for (const panel of ['Comments', 'Outline', 'History', 'Changes']) {
        await page.getByRole('tab', { name: panel }).click();
        await page.locator('#side-panel').waitFor();
        await page.locator('#side-panel .loading').waitFor({ state: 'detached' });
        await check(`document, ${panel} panel`);
      }

      await page.goto(`${base()}/profile`);
      await page.getByRole('heading', { name: 'Profile' }).waitFor();
      await page.getByLabel('Name').first().waitFor();
      await check('profile');

      expect(found).toEqual({});
      expect(errors).toEqual([]);
    });
  }
});
