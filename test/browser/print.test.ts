/**
 * Paper, from the document page (issue 17): with print media emulated, the page keeps only the title
 * and the text, across the printable width, black on white (asserted on computed styles); and the
 * Export menu downloads a PDF printed by the server, on the paper of the reader's locale.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled, collectErrors } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browser-suite.js';
import { PASSWORD } from './workspace-helpers.js';

describe.skipIf(!browserTestsEnabled())('printing a document', () => {
  const suite = browserSuite();

  /** A signed-in owner with a document open, in a browser of `locale`. */
  async function ownerWithDocument(locale: string): Promise<{ page: Page; docId: string; errors: string[] }> {
    const { server } = suite;
    const context = await suite.context({ viewport: { width: 1280, height: 800 }, locale, acceptDownloads: true });
    const request = context.request;
    const signup = await request.post(`${server.url}/api/auth/signup`, {
      data: { name: 'Priya Raman', email: `print-${locale}-${Date.now()}@example.org`, password: PASSWORD, timeZone: 'Asia/Kolkata' },
    });
    expect(signup.status()).toBe(201);
    const ws = (await (await request.post(`${server.url}/api/workspaces`, { data: { name: 'Cardiology' } })).json()) as { workspace: { id: string } };
    const created = await request.post(`${server.url}/api/workspaces/${ws.workspace.id}/documents`, { data: { title: 'Sepsis bundle', template: 'best-practice' } });
    const docId = ((await created.json()) as { document: { id: string } }).document.id;
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}/d/${docId}`);
    await page.locator('.status[data-connection="connected"]').waitFor();
    return { page, docId, errors };
  }

  it('keeps only the title and the text on paper, across the whole width, black on white', async () => {
    const { page, errors } = await ownerWithDocument('en-GB');
    await page.locator('.presence').waitFor();
    await page.emulateMedia({ media: 'print' });

    const hidden = ['.app-header', '.breadcrumb', '.doc-chrome', '.presence', '.doc-side'];
    for (const selector of hidden) {
      const displays = await page.locator(selector).evaluateAll((els) => els.map((el) => getComputedStyle(el).display));
      expect(displays.length, `${selector} is on the page`).toBeGreaterThan(0);
      expect(displays.every((d) => d === 'none'), `${selector} is hidden in print`).toBe(true);
    }
    expect(await page.locator('.doc-title').evaluate((el) => getComputedStyle(el).display)).not.toBe('none');
    expect(await page.locator('.doc-body').evaluate((el) => getComputedStyle(el).display)).not.toBe('none');

    // The text takes the whole width of the page box, and nothing behind it is grey.
    const widths = await page.evaluate(() => ({
      paper: document.querySelector('.doc-paper')?.getBoundingClientRect().width ?? 0,
      body: document.body.getBoundingClientRect().width,
    }));
    expect(widths.paper).toBeGreaterThan(widths.body * 0.95);
    const backgrounds = await page.evaluate(() =>
      ['html', 'body', '.app-main', '.doc-page', '.doc-layout', '.doc-paper'].map((selector) => {
        const el = document.querySelector(selector);
        return el ? getComputedStyle(el).backgroundColor : 'missing';
      }),
    );
    for (const colour of backgrounds) expect(['rgb(255, 255, 255)', 'rgba(0, 0, 0, 0)']).toContain(colour);

    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('.app-header').evaluate((el) => getComputedStyle(el).display)).not.toBe('none');
    expect(errors).toEqual([]);
  });

  it.each([
    ['en-US', 'Letter', 612],
    ['en-GB', 'A4', 595],
  ])('downloads a PDF from the Export menu on the paper of %s', async (locale, paper, width) => {
    const { page, errors } = await ownerWithDocument(locale);
    await page.getByText('Export', { exact: true }).click();
    const first = page.getByRole('menuitem').filter({ hasText: 'PDF' }).first();
    expect(await first.innerText()).toBe(`PDF (${paper})`);
    const [download] = await Promise.all([page.waitForEvent('download'), first.click()]);
    expect(download.suggestedFilename()).toBe('Sepsis bundle.pdf');
    const file = await download.path();
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The page box is written as /MediaBox [0 0 w h] in points.
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(bytes.toString('latin1'));
    expect(Math.abs(Number(box?.[1]) - width)).toBeLessThanOrEqual(2);
    expect(errors).toEqual([]);
  });

  it('offers suggestions marked or as if accepted in the Export menu (Word keeps them as tracked changes)', async () => {
    const { page, docId, errors } = await ownerWithDocument('en-GB');
    await page.getByText('Export', { exact: true }).click();
    const href = (name: string) => page.getByRole('menuitem', { name }).getAttribute('href');
    expect(await href('Markdown (.md)')).toBe(`/api/documents/${docId}/export?format=md`);
    await page.getByLabel('Mark suggestions').check();
    expect(await href('Markdown (.md)')).toBe(`/api/documents/${docId}/export?format=md&suggestions=marked`);
    expect(await href('HTML (.html)')).toBe(`/api/documents/${docId}/export?format=html&suggestions=marked`);
    expect(await href('PDF (A4)')).toBe(`/api/documents/${docId}/export?format=pdf&paper=a4&suggestions=marked`);
    expect(await href('Word (.docx)')).toBe(`/api/documents/${docId}/export?format=docx`);
    expect(errors).toEqual([]);
  });
});

