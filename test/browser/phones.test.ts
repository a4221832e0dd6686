/**
 * Issue 19, item 9, in Chromium at 390 x 844 against a real server: no main page scrolls sideways;
 * every toolbar action is on screen, in the bar or behind "More"; the side panels are a bottom sheet
 * over the text, not a column below it; a wide table scrolls inside its own box.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled, collectErrors } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browser-suite.js';
import { waitFor } from '../helpers/wait.js';
import { PASSWORD } from './workspace-helpers.js';

const PHONE = { width: 390, height: 844 };

/** The formatting actions, by accessible name, that an editor must be able to reach. */
const FORMATTING = ['Undo', 'Redo', 'Bold', 'Italic', 'Underline', 'Strikethrough', 'Code', 'Bulleted list', 'Numbered list', 'Task list', 'Quote', 'Link', 'Formula', 'Insert table'];

async function post<T>(request: APIRequestContext, url: string, data: unknown): Promise<T> {
  const res = await request.post(url, { data });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Screenshots for a person to look at (git-ignored), as workspace-screens.test.ts keeps them. */
const shots = path.resolve(import.meta.dirname, '..', '..', 'screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

/** The page's sideways overflow in pixels (0 when nothing scrolls sideways). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);

/** Whether the control is shown and lies wholly inside the viewport's width. */
async function onScreen(page: Page, control: ReturnType<Page['locator']>): Promise<boolean> {
  if (!(await control.isVisible())) return false;
  const box = await control.boundingBox();
  return box !== null && box.x >= 0 && box.x + box.width <= PHONE.width;
}

describe.skipIf(!browserTestsEnabled())('phones, 390 x 844 (issue 19, item 9)', () => {
  const suite = browserSuite();

  const base = () => suite.server.url;

  async function phone(name: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await suite.context({ viewport: PHONE, timezoneId: 'Europe/London', locale: 'en-GB', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${base()}/signin`);
    await page.getByRole('button', { name: 'Sign in' }).first().waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await post(context.request, `${base()}/api/auth/signup`, { name, email: `phone-${Date.now()}-${Math.random()}@example.org`, password: PASSWORD });
    return { context, page, errors };
  }

  it('has no sideways scroll on the main pages, and every toolbar action is reachable', async () => {
    const { context, page, errors } = await phone('Pia Phone');
    const { workspace } = await post<{ workspace: { id: string } }>(context.request, `${base()}/api/workspaces`, { name: 'Clinical pharmacology across four sites' });
    const { document } = await post<{ document: { id: string } }>(context.request, `${base()}/api/workspaces/${workspace.id}/documents`, {
      title: 'A joint proposal with a rather long title that has to wrap on a phone',
      template: 'grant-proposal',
    });

    for (const [path, ready] of [
      ['/', 'Working groups'],
      [`/w/${workspace.id}`, 'Clinical pharmacology across four sites'],
      ['/profile', 'Profile'],
    ] as const) {
      await page.goto(`${base()}${path}`);
      await page.getByRole('heading', { name: ready }).first().waitFor();
      expect(await sidewaysOverflow(page), path).toBeLessThanOrEqual(0);
    }

    await page.goto(`${base()}/d/${document.id}`);
    await page.locator('.status[data-connection="connected"]').waitFor();
    // Hidden behind "More", so found by its text rather than by role.
    await page.locator('button', { hasText: 'Set deadline' }).waitFor({ state: 'attached' });
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });

    // Closed, the bar is one row: the text style, the most used buttons and "More"; the rest waits.
    const more = toolbar.getByRole('button', { name: 'More' });
    expect(await onScreen(page, more)).toBe(true);
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(await onScreen(page, toolbar.getByLabel('Text style'))).toBe(true);
    for (const name of ['Undo', 'Redo', 'Bold', 'Italic']) expect(await onScreen(page, toolbar.getByRole('button', { name, exact: true })), name).toBe(true);
    expect(await toolbar.getByRole('button', { name: 'Set deadline' }).isVisible()).toBe(false);
    // One row: every shown control overlaps every other vertically.
    const oneRow = await toolbar.evaluate((bar) => {
      const boxes = [...bar.querySelectorAll('button, select')].filter((c) => c.getClientRects().length > 0).map((c) => c.getBoundingClientRect());
      return Math.max(...boxes.map((b) => b.top)) < Math.min(...boxes.map((b) => b.bottom));
    });
    expect(oneRow).toBe(true);

    // Open, every action is on screen, including the features' tools (Export, Deadline).
    await more.click();
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    for (const name of FORMATTING) expect(await onScreen(page, toolbar.getByRole('button', { name, exact: true })), name).toBe(true);
    expect(await onScreen(page, toolbar.getByRole('button', { name: 'Set deadline' }))).toBe(true);
    expect(await onScreen(page, toolbar.locator('summary', { hasText: 'Export' }))).toBe(true);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    // Every control of the toolbar, whoever mounted it, is inside the screen's width.
    // Shown means rendered: a closed menu's items (inside a closed <details>) are skipped by checkVisibility.
    const controlsOutside = () =>
      toolbar.evaluate((bar, width) => {
        return [...bar.querySelectorAll<HTMLElement>('button, select, summary, a[href]')]
          .filter((c) => c.checkVisibility())
          .filter((c) => c.getBoundingClientRect().left < 0 || c.getBoundingClientRect().right > width)
          .map((c) => c.getAttribute('aria-label') ?? c.textContent);
      }, PHONE.width);
    expect(await controlsOutside()).toEqual([]);

    // The Export menu opens inside the screen, every entry of it too.
    await toolbar.locator('summary', { hasText: 'Export' }).click();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(await toolbar.getByRole('menuitem', { name: 'Print…' }).isVisible()).toBe(true);
    expect(await controlsOutside()).toEqual([]);
    await toolbar.locator('summary', { hasText: 'Export' }).click();

    // A table: inserted from "More", made wider than the screen, it scrolls inside its own box.
    await page.locator('.doc-body p').last().click();
    await page.keyboard.press('Control+End');
    const tables = await page.locator('.doc-body table').count();
    await toolbar.getByRole('button', { name: 'Insert table' }).click();
    await waitFor(async () => (await page.locator('.doc-body table').count()) === tables + 1, { what: 'the new table' });
    await page.keyboard.type('Pharmacokinetics');
    for (let i = 0; i < 3; i += 1) await toolbar.getByRole('button', { name: 'Add column right' }).click();
    const wrapper = page.locator('.doc-body .tableWrapper', { hasText: 'Pharmacokinetics' });
    await waitFor(async () => (await wrapper.locator('tr').first().locator('th, td').count()) === 6, { what: 'six columns' });
    const box = await wrapper.evaluate((w) => ({ scroll: w.scrollWidth, client: w.clientWidth, overflow: getComputedStyle(w).overflowX }));
    expect(box.overflow).toBe('auto');
    expect(box.scroll).toBeGreaterThan(box.client);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await wrapper.scrollIntoViewIfNeeded();
    await shoot(page, 'table-phone');
    expect(errors).toEqual([]);
  });

  it('shows the side panels as a bottom sheet over the text', async () => {
    const { context, page, errors } = await phone('Sol Sheet');
    const { workspace } = await post<{ workspace: { id: string } }>(context.request, `${base()}/api/workspaces`, { name: 'Sheet group' });
    const { document } = await post<{ document: { id: string } }>(context.request, `${base()}/api/workspaces/${workspace.id}/documents`, { title: 'Sheet test', template: 'protocol' });
    await page.goto(`${base()}/d/${document.id}`);
    await page.locator('.status[data-connection="connected"]').waitFor();

    // Closed at first: only its tabs, at the bottom of the screen, with the text in view above.
    const sheet = page.getByRole('complementary', { name: 'Document tools' });
    const tab = sheet.getByRole('tab', { name: 'Comments' });
    const closed = await sheet.boundingBox();
    if (!closed) throw new Error('no sheet');
    expect(Math.round(closed.y + closed.height)).toBe(PHONE.height);
    expect(closed.height).toBeLessThan(120);
    expect(await page.locator('#side-panel').count()).toBe(0);

    // A tab opens it over the lower part of the screen; its content scrolls inside it.
    await tab.click();
    const panel = page.locator('#side-panel');
    await panel.waitFor();
    const open = await sheet.boundingBox();
    if (!open) throw new Error('no sheet');
    expect(Math.round(open.y + open.height)).toBe(PHONE.height);
    expect(open.height).toBeGreaterThan(closed.height);
    expect(open.height).toBeLessThanOrEqual(PHONE.height * 0.7 + 1);
    expect(await panel.evaluate((p) => getComputedStyle(p).overflowY)).toBe('auto');
    // Not below the document: the sheet is on screen while the top of the text is.
    expect(await page.locator('.doc-body h1').isVisible()).toBe(true);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await sheet.getByRole('button', { name: 'Hide' }).click();
    await waitFor(async () => (await panel.count()) === 0, { what: 'the sheet to close' });
    expect(errors).toEqual([]);
  });
  it('shows the document page in light and dark, on a desktop and a phone (screenshots)', async () => {
    const { context, page, errors } = await phone('Lena Light');
    const { workspace } = await post<{ workspace: { id: string } }>(context.request, `${base()}/api/workspaces`, { name: 'Marine ecology' });
    const { document: doc } = await post<{ document: { id: string } }>(context.request, `${base()}/api/workspaces/${workspace.id}/documents`, { title: 'Reef survey protocol', template: 'protocol' });
    for (const scheme of ['light', 'dark'] as const) {
      // The theme follows the system's setting (no choice made in Profile).
      await page.emulateMedia({ colorScheme: scheme });
      for (const [tag, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', PHONE]] as const) {
        await page.setViewportSize(viewport);
        await page.goto(`${base()}/d/${doc.id}`);
        await page.locator('.status[data-connection="connected"]').waitFor();
        await page.locator('.doc-body h1').waitFor();
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
        expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
        await shoot(page, `document-${tag}-${scheme}`);
      }
    }
    expect(errors).toEqual([]);
  });
});
